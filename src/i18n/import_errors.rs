//! Import problems (backup files and CSV sheets) in the user's language.
