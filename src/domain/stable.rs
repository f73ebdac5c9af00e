//! Stable names: the one name each stored enum value is written under, in records, backups,
//! keys, calendar ids and links alike.
//!
//! [`stable_enum!`] declares an enum together with its names. A variant's name is its serde
//! name: serde's `snake_case` of the variant (`ExecutiveVisit` → `executive_visit`), computed
//! here at compile time, or the name written beside it (`A = "A"`). So what the app stores,
//! what the backup check allows and what its JSON Schema lists come from the declaration, as
//! `&'static str` constants, and no stored text depends on `Debug`.
//!
//! Renaming a variant renames what it is stored under; the test against the JSON Schema
//! document (`backup::schema_tests`) then fails, and the variant keeps its old name written
//! beside it (`NewName = "old_name"`).

/// An enum whose values are stored or exported by name.
pub trait StableName {
    /// Every variant's name, in declaration order.
    const NAMES: &'static [&'static str];
    /// For each name of [`Self::NAMES`], whether its variant carries content (a tag's text, a
    /// flag's stage).
    const CARRIES: &'static [bool];

    /// The name this value is stored under (its serde name).
    fn name(&self) -> &'static str;
}

/// The names of `T`'s variants that carry content (`true`) or not (`false`).
pub fn names_carrying<T: StableName>(content: bool) -> Vec<&'static str> {
    T::NAMES
        .iter()
        .zip(T::CARRIES)
        .filter(|(_, c)| **c == content)
        .map(|(n, _)| *n)
        .collect()
}

/// The length of serde's `snake_case` of an ASCII Rust name …
pub const fn snake_len(name: &str) -> usize {
    let bytes = name.as_bytes();
    let mut len = bytes.len();
    let mut i = 1;
    while i < bytes.len() {
        if bytes[i].is_ascii_uppercase() {
            len += 1;
        }
        i += 1;
    }
    len
}

/// … and its bytes: `_` before every capital but the first, all in lower case (serde's rule).
pub const fn snake<const N: usize>(name: &str) -> [u8; N] {
    let bytes = name.as_bytes();
    let mut out = [0u8; N];
    let (mut i, mut j) = (0, 0);
    while i < bytes.len() {
        if i > 0 && bytes[i].is_ascii_uppercase() {
            out[j] = b'_';
            j += 1;
        }
        out[j] = bytes[i].to_ascii_lowercase();
        i += 1;
        j += 1;
    }
    out
}

/// Declares an enum (with `Serialize`/`Deserialize` among its derives) whose serde names are
/// its stable names, and implements [`StableName`]. A variant may be written `Variant`,
/// `Variant(Type)` or, to name it otherwise, `Variant = "name"`. An enum of unit variants also
/// gets `ALL` (every value, in declaration order) and `from_name`.
macro_rules! stable_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $enum:ident {
            $( $(#[$vmeta:meta])* $variant:ident $(= $name:literal)? ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[serde(rename_all = "snake_case")]
        $vis enum $enum {
            $( $(#[$vmeta])* $(#[serde(rename = $name)])? $variant ),*
        }

        impl $enum {
            /// Every value, in declaration order.
            pub const ALL: [$enum; [$(stringify!($variant)),*].len()] = [$($enum::$variant),*];

            /// The value stored under `name`.
            pub fn from_name(name: &str) -> Option<$enum> {
                use $crate::domain::stable::StableName;
                $enum::ALL.into_iter().find(|v| v.name() == name)
            }
        }

        $crate::domain::stable::stable_enum!(@names $enum { $( $variant $(= $name)? ),* });
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $enum:ident {
            $( $(#[$vmeta:meta])* $variant:ident $(($content:ty))? $(= $name:literal)? ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[serde(rename_all = "snake_case")]
        $vis enum $enum {
            $( $(#[$vmeta])* $(#[serde(rename = $name)])? $variant $(($content))? ),*
        }

        $crate::domain::stable::stable_enum!(
            @names $enum { $( $variant $(($content))? $(= $name)? ),* }
        );
    };
    (@names $enum:ident { $( $variant:ident $(($content:ty))? $(= $name:literal)? ),* }) => {
        impl $crate::domain::stable::StableName for $enum {
            const NAMES: &'static [&'static str] =
                &[$( $crate::domain::stable::stable_enum!(@name $variant $(= $name)?) ),*];
            const CARRIES: &'static [bool] =
                &[$( $crate::domain::stable::stable_enum!(@carries $($content)?) ),*];

            fn name(&self) -> &'static str {
                match self {
                    $( $enum::$variant { .. } => const {
                        $crate::domain::stable::stable_enum!(@name $variant $(= $name)?)
                    }, )*
                }
            }
        }
    };
    (@name $variant:ident = $name:literal) => { $name };
    (@name $variant:ident) => {{
        const BYTES: [u8; $crate::domain::stable::snake_len(stringify!($variant))] =
            $crate::domain::stable::snake(stringify!($variant));
        match ::core::str::from_utf8(&BYTES) {
            Ok(name) => name,
            Err(_) => panic!("a Rust name is ASCII"),
        }
    }};
    (@carries) => { false };
    (@carries $content:ty) => { true };
}

pub(crate) use stable_enum;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_is_serde_s() {
        fn snake_of<const N: usize>(name: &str) -> String {
            String::from_utf8(snake::<N>(name).to_vec()).unwrap()
        }
        assert_eq!(snake_len("ExecutiveVisit"), 15);
        assert_eq!(snake_of::<15>("ExecutiveVisit"), "executive_visit");
        assert_eq!(snake_of::<8>("Spend12m"), "spend12m");
        assert_eq!(snake_of::<10>("Drop3mPct"), "drop3m_pct");
        assert_eq!(snake_of::<1>("A"), "a");
    }
}
