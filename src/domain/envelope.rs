//! Encryption's file shapes, as pure Rust: the encrypted backup envelope, the at-rest key
//! record (salt and verifier), the sealed blob on a stored customer, which fields are sealed,
//! and base64. The AES-GCM and PBKDF2 calls themselves are the browser's (`store::crypto`);
//! this module only says what goes in and out of them and refuses anything malformed before
//! a single byte is decrypted. Described for people in `docs/backup-format.md`.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::records::{Contact, Customer, Remark};
pub use crate::domain::records::Sealed;

/// `format` of an encrypted backup file (a plain one says `kehu-weihu-backup`).
pub const BACKUP_FORMAT: &str = "kehu-weihu-backup-encrypted";
/// The envelope layout this app writes; newer ones are refused.
pub const VERSION: u64 = 1;
/// PBKDF2-SHA-256 rounds for new keys (OWASP 2023 advice for PBKDF2-HMAC-SHA256).
pub const ITERATIONS: u32 = 600_000;
/// Fewer rounds than this are refused on reading: a file cannot talk the app into a weak key.
pub const MIN_ITERATIONS: u32 = 100_000;
/// More than this would freeze the tab for minutes: refused too.
pub const MAX_ITERATIONS: u32 = 10_000_000;
pub const SALT_LEN: usize = 16;
/// AES-GCM's 96-bit nonce, fresh and random for every encryption.
pub const NONCE_LEN: usize = 12;
/// AES-GCM's authentication tag, at the end of every ciphertext.
pub const TAG_LEN: usize = 16;
/// What the at-rest verifier encrypts: decrypting it proves the passphrase without touching
/// any customer.
pub const VERIFIER_TEXT: &[u8] = b"kehu-weihu at-rest key v1";

/// The shortest passphrase accepted for a new key, in characters (not bytes: 8 汉字 count 8).
pub const MIN_PASSPHRASE_CHARS: usize = 8;

pub fn passphrase_long_enough(passphrase: &str) -> bool {
    passphrase.chars().count() >= MIN_PASSPHRASE_CHARS
}

/// The name offered for an encrypted backup: `customers-2025-03-14.encrypted.json`.
pub fn file_name(plain_name: &str) -> String {
    match plain_name.strip_suffix(".json") {
        Some(stem) => format!("{stem}.encrypted.json"),
        None => format!("{plain_name}.encrypted"),
    }
}

/// Why an envelope (file, key record or sealed blob) cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnvelopeError {
    /// Not JSON, or not an object.
    NotJson,
    /// Written by a newer app.
    NewerVersion { found: u64 },
    /// `version` missing or not a version any app wrote.
    UnknownVersion { found: String },
    /// A field that must be there is missing or of the wrong type.
    Missing { field: &'static str },
    /// A key derivation or cipher this app does not use.
    Unsupported { field: &'static str, found: String },
    /// Too few or too many PBKDF2 rounds.
    Iterations { found: u64 },
    /// Not base64 (standard alphabet, padded).
    BadBase64 { field: &'static str },
    /// Decoded, but of the wrong size.
    WrongLength {
        field: &'static str,
        expected: usize,
        found: usize,
    },
}

impl fmt::Display for EnvelopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnvelopeError::NotJson => write!(f, "the encrypted file is not a JSON object"),
            EnvelopeError::NewerVersion { found } => write!(
                f,
                "made by a newer version of the app (encryption format {found}; this version reads {VERSION})"
            ),
            EnvelopeError::UnknownVersion { found } => {
                write!(f, "\"version\" is {found}, which no version of the app wrote")
            }
            EnvelopeError::Missing { field } => write!(f, "{field}: is required"),
            EnvelopeError::Unsupported { field, found } => {
                write!(f, "{field}: {found} is not supported")
            }
            EnvelopeError::Iterations { found } => write!(
                f,
                "kdf.iterations: must be between {MIN_ITERATIONS} and {MAX_ITERATIONS}, not {found}"
            ),
            EnvelopeError::BadBase64 { field } => write!(f, "{field}: is not base64"),
            EnvelopeError::WrongLength {
                field,
                expected,
                found,
            } => write!(f, "{field}: must be {expected} bytes, not {found}"),
        }
    }
}

impl std::error::Error for EnvelopeError {}

// ---- base64 (RFC 4648, standard alphabet, padded): small enough not to need a crate ----

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Strict: whole groups of four, only the alphabet, `=` only as the last one or two.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for (g, group) in bytes.chunks(4).enumerate() {
        let last = g == bytes.len() / 4 - 1;
        let pad = group.iter().rev().take_while(|b| **b == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for (i, b) in group[..4 - pad].iter().enumerate() {
            let v = ALPHABET.iter().position(|a| a == b)? as u32;
            n |= v << (18 - 6 * i);
        }
        // Bits the padding drops must be zero, so each byte string has one spelling.
        if (pad == 1 && n & 0xff != 0) || (pad == 2 && n & 0xffff != 0) {
            return None;
        }
        for i in 0..3 - pad {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

// ---- the parts every envelope shares ----

/// How a key is derived from a passphrase: PBKDF2 with SHA-256.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kdf {
    pub iterations: u32,
    pub salt: Vec<u8>,
}

/// AES-GCM output: the nonce it used and the ciphertext with its tag at the end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ciphertext {
    pub nonce: Vec<u8>,
    pub data: Vec<u8>,
}

impl Kdf {
    fn to_json(&self) -> Value {
        json!({
            "name": "PBKDF2",
            "hash": "SHA-256",
            "iterations": self.iterations,
            "salt": base64_encode(&self.salt),
        })
    }

    fn read(top: &Map<String, Value>) -> Result<Kdf, EnvelopeError> {
        let kdf = object(top, "kdf")?;
        expect_name(kdf, "name", "kdf.name", "PBKDF2")?;
        expect_name(kdf, "hash", "kdf.hash", "SHA-256")?;
        let iterations =
            kdf.get("iterations")
                .and_then(Value::as_u64)
                .ok_or(EnvelopeError::Missing {
                    field: "kdf.iterations",
                })?;
        let iterations = u32::try_from(iterations)
            .ok()
            .filter(|n| (MIN_ITERATIONS..=MAX_ITERATIONS).contains(n))
            .ok_or(EnvelopeError::Iterations { found: iterations })?;
        let salt = bytes(kdf, "salt", "kdf.salt", Some(SALT_LEN))?;
        Ok(Kdf { iterations, salt })
    }
}

impl Ciphertext {
    fn to_json(&self) -> Value {
        json!({ "nonce": base64_encode(&self.nonce), "data": base64_encode(&self.data) })
    }

    /// Reads `{nonce, data}` from `obj`; the field names are what errors call them.
    fn read(
        obj: &Map<String, Value>,
        nonce_field: &'static str,
        data_field: &'static str,
    ) -> Result<Ciphertext, EnvelopeError> {
        let nonce = bytes(obj, "nonce", nonce_field, Some(NONCE_LEN))?;
        let data = bytes(obj, "data", data_field, None)?;
        Ciphertext::checked(nonce, data, data_field)
    }

    /// Data shorter than the tag cannot be AES-GCM output.
    fn checked(
        nonce: Vec<u8>,
        data: Vec<u8>,
        data_field: &'static str,
    ) -> Result<Ciphertext, EnvelopeError> {
        if data.len() < TAG_LEN {
            return Err(EnvelopeError::WrongLength {
                field: data_field,
                expected: TAG_LEN,
                found: data.len(),
            });
        }
        Ok(Ciphertext { nonce, data })
    }
}

fn object<'a>(
    obj: &'a Map<String, Value>,
    field: &'static str,
) -> Result<&'a Map<String, Value>, EnvelopeError> {
    obj.get(field)
        .and_then(Value::as_object)
        .ok_or(EnvelopeError::Missing { field })
}

fn expect_name(
    obj: &Map<String, Value>,
    key: &str,
    field: &'static str,
    expected: &str,
) -> Result<(), EnvelopeError> {
    match obj.get(key) {
        Some(Value::String(s)) if s == expected => Ok(()),
        None => Err(EnvelopeError::Missing { field }),
        Some(other) => Err(EnvelopeError::Unsupported {
            field,
            found: other.to_string(),
        }),
    }
}

fn bytes(
    obj: &Map<String, Value>,
    key: &str,
    field: &'static str,
    len: Option<usize>,
) -> Result<Vec<u8>, EnvelopeError> {
    let text = obj
        .get(key)
        .and_then(Value::as_str)
        .ok_or(EnvelopeError::Missing { field })?;
    let decoded = base64_decode(text).ok_or(EnvelopeError::BadBase64 { field })?;
    match len {
        Some(expected) if decoded.len() != expected => Err(EnvelopeError::WrongLength {
            field,
            expected,
            found: decoded.len(),
        }),
        _ => Ok(decoded),
    }
}

fn read_version(top: &Map<String, Value>) -> Result<(), EnvelopeError> {
    match top.get("version") {
        Some(v) => match v.as_u64() {
            Some(VERSION) => Ok(()),
            Some(n) if n > VERSION => Err(EnvelopeError::NewerVersion { found: n }),
            _ => Err(EnvelopeError::UnknownVersion {
                found: v.to_string(),
            }),
        },
        None => Err(EnvelopeError::UnknownVersion {
            found: "missing".into(),
        }),
    }
}

// ---- the encrypted backup file ----

/// An encrypted backup: the plain backup file's bytes, AES-GCM-encrypted under a key derived
/// from the passphrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupEnvelope {
    pub kdf: Kdf,
    pub cipher: Ciphertext,
}

impl BackupEnvelope {
    /// Pretty JSON, two-space indents, final newline (as the plain backup).
    pub fn to_json(&self) -> String {
        let value = json!({
            "format": BACKUP_FORMAT,
            "version": VERSION,
            "kdf": self.kdf.to_json(),
            "cipher": { "name": "AES-GCM", "nonce": base64_encode(&self.cipher.nonce) },
            "data": base64_encode(&self.cipher.data),
        });
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
    }

    /// `None` when `text` is not an encrypted backup (a plain one, or anything else: the
    /// plain backup's reader then says what it is); otherwise the envelope or why it is
    /// unusable.
    pub fn detect(text: &str) -> Option<Result<BackupEnvelope, EnvelopeError>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // A plain backup of tens of megabytes is not parsed a second time here: an envelope
        // names its format, and a scan for it takes milliseconds.
        if !text.contains(&format!("\"{BACKUP_FORMAT}\"")) {
            return None;
        }
        #[allow(
            clippy::disallowed_methods,
            reason = "into a Value, as the size rules ask"
        )]
        let value: Value = serde_json::from_str(text).ok()?;
        let top = value.as_object()?;
        (top.get("format").and_then(Value::as_str) == Some(BACKUP_FORMAT))
            .then(|| BackupEnvelope::read(top))
    }

    fn read(top: &Map<String, Value>) -> Result<BackupEnvelope, EnvelopeError> {
        read_version(top)?;
        let kdf = Kdf::read(top)?;
        let cipher = object(top, "cipher")?;
        expect_name(cipher, "name", "cipher.name", "AES-GCM")?;
        let nonce = bytes(cipher, "nonce", "cipher.nonce", Some(NONCE_LEN))?;
        let data = bytes(top, "data", "data", None)?;
        let cipher = Ciphertext::checked(nonce, data, "data")?;
        Ok(BackupEnvelope { kdf, cipher })
    }
}

// ---- at rest: the key record and the sealed fields ----

/// The `meta` store's `encryption` row: how to derive the key and a value to check it with.
/// Its presence is what "encryption at rest is on" means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AtRestKey {
    pub kdf: Kdf,
    /// [`VERIFIER_TEXT`] encrypted under the key.
    pub verifier: Ciphertext,
}

impl AtRestKey {
    pub fn to_value(&self) -> Value {
        json!({
            "version": VERSION,
            "kdf": self.kdf.to_json(),
            "cipher": "AES-GCM",
            "verifier": self.verifier.to_json(),
        })
    }

    pub fn from_value(value: &Value) -> Result<AtRestKey, EnvelopeError> {
        let top = value.as_object().ok_or(EnvelopeError::NotJson)?;
        read_version(top)?;
        let kdf = Kdf::read(top)?;
        expect_name(top, "cipher", "cipher", "AES-GCM")?;
        let verifier =
            Ciphertext::read(object(top, "verifier")?, "verifier.nonce", "verifier.data")?;
        Ok(AtRestKey { kdf, verifier })
    }
}

impl Sealed {
    pub fn new(c: &Ciphertext) -> Sealed {
        Sealed {
            nonce: base64_encode(&c.nonce),
            data: base64_encode(&c.data),
        }
    }

    pub fn ciphertext(&self) -> Result<Ciphertext, EnvelopeError> {
        let mut obj = Map::new();
        obj.insert("nonce".into(), json!(self.nonce));
        obj.insert("data".into(), json!(self.data));
        Ciphertext::read(&obj, "sealed.nonce", "sealed.data")
    }
}

/// A customer's sensitive fields (METHOD.md §1, seed 004: contact details are private): every
/// contact (names, phones, e-mails, WeChat, birthdays) and the complaints and suggestions.
/// Names, figures and dates stay readable, so a locked tab still lists, tiers and schedules.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Secrets {
    pub contacts: Vec<Contact>,
    pub remarks: Vec<Remark>,
}

impl Secrets {
    /// Moves the sensitive fields out of `c`, leaving them empty.
    pub fn take(c: &mut Customer) -> Secrets {
        Secrets {
            contacts: std::mem::take(&mut c.contacts),
            remarks: std::mem::take(&mut c.remarks),
        }
    }

    /// Puts them back (after decrypting).
    pub fn restore(self, c: &mut Customer) {
        c.contacts = self.contacts;
        c.remarks = self.remarks;
    }

    /// Whether `c` holds anything that would have to be sealed.
    pub fn present_in(c: &Customer) -> bool {
        !c.contacts.is_empty() || !c.remarks.is_empty()
    }

    /// Pretty JSON, as every record is written: the wasm then carries one serializer of
    /// `Contact` and `Remark`, not two (docs/wasm-size.md).
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_string_pretty(self)
            .unwrap_or_default()
            .into_bytes()
    }

    /// Reads decrypted bytes back (text to `Value` to the type, as every stored record is
    /// read, for the same reason).
    pub fn from_bytes(bytes: &[u8]) -> Option<Secrets> {
        #[allow(
            clippy::disallowed_methods,
            reason = "into a Value, as the size rules ask"
        )]
        let value: Value = serde_json::from_str(std::str::from_utf8(bytes).ok()?).ok()?;
        Secrets::deserialize(&value).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn envelope() -> BackupEnvelope {
        BackupEnvelope {
            kdf: Kdf {
                iterations: ITERATIONS,
                salt: (0..16).collect(),
            },
            cipher: Ciphertext {
                nonce: (100..112).collect(),
                data: vec![7; 40],
            },
        }
    }

    fn reread(value: &Value) -> Option<Result<BackupEnvelope, EnvelopeError>> {
        BackupEnvelope::detect(&value.to_string())
    }

    #[test]
    fn base64_matches_rfc_4648_and_refuses_anything_else() {
        let cases: [(&[u8], &str); 7] = [
            (b"", ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg=="),
            (b"fooba", "Zm9vYmE="),
            (b"\xff\xfe\x00?", "//4APw=="),
        ];
        for (raw, text) in cases {
            assert_eq!(base64_encode(raw), text);
            assert_eq!(base64_decode(text).as_deref(), Some(raw), "{text}");
        }
        for bad in [
            "Zg=", "Zg", "Z===", "Zg==Zg==", "Zm9v!A==", "Zh==", "Zm9=", " Zm9v",
        ] {
            assert_eq!(base64_decode(bad), None, "{bad}");
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(base64_decode(&base64_encode(&all)), Some(all));
    }

    #[test]
    fn the_envelope_is_written_as_documented_and_reads_back() {
        let text = envelope().to_json();
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            value,
            json!({
                "format": "kehu-weihu-backup-encrypted",
                "version": 1,
                "kdf": { "name": "PBKDF2", "hash": "SHA-256", "iterations": 600000,
                         "salt": "AAECAwQFBgcICQoLDA0ODw==" },
                "cipher": { "name": "AES-GCM", "nonce": "ZGVmZ2hpamtsbW5v" },
                "data": base64_encode(&[7; 40]),
            })
        );
        assert!(text.ends_with("}\n"));
        assert_eq!(BackupEnvelope::detect(&text), Some(Ok(envelope())));
    }

    #[test]
    fn a_plain_backup_or_other_file_is_not_taken_for_an_envelope() {
        for text in [
            r#"{"format":"kehu-weihu-backup","version":1}"#,
            "not json",
            "[1]",
            "",
        ] {
            assert_eq!(BackupEnvelope::detect(text), None, "{text}");
        }
    }

    #[test]
    fn a_changed_or_damaged_envelope_is_refused_with_its_field() {
        let good: Value = serde_json::from_str(&envelope().to_json()).unwrap();
        let cases: Vec<(&str, Value, EnvelopeError)> = vec![
            (
                "/version",
                json!(2),
                EnvelopeError::NewerVersion { found: 2 },
            ),
            (
                "/version",
                json!(0),
                EnvelopeError::UnknownVersion { found: "0".into() },
            ),
            (
                "/version",
                json!("1"),
                EnvelopeError::UnknownVersion {
                    found: "\"1\"".into(),
                },
            ),
            (
                "/kdf/name",
                json!("scrypt"),
                EnvelopeError::Unsupported {
                    field: "kdf.name",
                    found: "\"scrypt\"".into(),
                },
            ),
            (
                "/kdf/hash",
                json!("SHA-1"),
                EnvelopeError::Unsupported {
                    field: "kdf.hash",
                    found: "\"SHA-1\"".into(),
                },
            ),
            (
                "/kdf/iterations",
                json!(1000),
                EnvelopeError::Iterations { found: 1000 },
            ),
            (
                "/kdf/iterations",
                json!(99_999_999u64),
                EnvelopeError::Iterations { found: 99_999_999 },
            ),
            (
                "/kdf/salt",
                json!("not base64!"),
                EnvelopeError::BadBase64 { field: "kdf.salt" },
            ),
            (
                "/kdf/salt",
                json!("AAEC"),
                EnvelopeError::WrongLength {
                    field: "kdf.salt",
                    expected: 16,
                    found: 3,
                },
            ),
            (
                "/cipher/name",
                json!("AES-CBC"),
                EnvelopeError::Unsupported {
                    field: "cipher.name",
                    found: "\"AES-CBC\"".into(),
                },
            ),
            (
                "/cipher/nonce",
                json!(base64_encode(&[1; 16])),
                EnvelopeError::WrongLength {
                    field: "cipher.nonce",
                    expected: 12,
                    found: 16,
                },
            ),
            (
                "/data",
                json!(base64_encode(&[1; 15])),
                EnvelopeError::WrongLength {
                    field: "data",
                    expected: 16,
                    found: 15,
                },
            ),
            (
                "/data",
                json!("AAAA="),
                EnvelopeError::BadBase64 { field: "data" },
            ),
            ("/data", json!(5), EnvelopeError::Missing { field: "data" }),
        ];
        for (pointer, value, expected) in cases {
            let mut file = good.clone();
            *file.pointer_mut(pointer).unwrap() = value.clone();
            assert_eq!(reread(&file), Some(Err(expected)), "{pointer} = {value}");
        }
        let mut file = good.clone();
        file.as_object_mut().unwrap().remove("kdf");
        assert_eq!(
            reread(&file),
            Some(Err(EnvelopeError::Missing { field: "kdf" }))
        );
    }

    #[test]
    fn error_messages_name_the_field() {
        let e = EnvelopeError::WrongLength {
            field: "cipher.nonce",
            expected: 12,
            found: 16,
        };
        assert_eq!(e.to_string(), "cipher.nonce: must be 12 bytes, not 16");
        assert_eq!(
            EnvelopeError::Iterations { found: 5 }.to_string(),
            "kdf.iterations: must be between 100000 and 10000000, not 5"
        );
    }

    #[test]
    fn the_at_rest_key_record_round_trips_and_is_checked_like_a_file() {
        let key = AtRestKey {
            kdf: envelope().kdf,
            verifier: Ciphertext {
                nonce: vec![1; 12],
                data: vec![2; 41],
            },
        };
        let value = key.to_value();
        assert_eq!(value["kdf"]["iterations"], json!(600000));
        assert_eq!(AtRestKey::from_value(&value), Ok(key));
        let mut bad = value.clone();
        bad["verifier"]["nonce"] = json!("AAAA");
        assert_eq!(
            AtRestKey::from_value(&bad),
            Err(EnvelopeError::WrongLength {
                field: "verifier.nonce",
                expected: 12,
                found: 3
            })
        );
        bad = value;
        bad["version"] = json!(7);
        assert_eq!(
            AtRestKey::from_value(&bad),
            Err(EnvelopeError::NewerVersion { found: 7 })
        );
    }

    #[test]
    fn contacts_and_remarks_are_what_gets_sealed() {
        let mut c = Customer {
            id: "c-1".into(),
            name: "科技公司".into(),
            industry: "制造业".into(),
            contacts: vec![Contact {
                name: "张总".into(),
                phone: "13800000000".into(),
                email: "zhang@example.cn".into(),
                ..Contact::default()
            }],
            remarks: vec![Remark {
                text: "交付慢".into(),
                ..Remark::default()
            }],
            ..Customer::default()
        };
        let original = c.clone();
        assert!(Secrets::present_in(&c));
        let secrets = Secrets::take(&mut c);
        assert!(!Secrets::present_in(&c));
        assert_eq!(
            (c.name.as_str(), c.industry.as_str()),
            ("科技公司", "制造业")
        );
        let plain = serde_json::to_string(&c).unwrap();
        assert!(!plain.contains("13800000000") && !plain.contains("交付慢"));
        let bytes = secrets.to_bytes();
        Secrets::from_bytes(&bytes).unwrap().restore(&mut c);
        assert_eq!(c, original);
        assert_eq!(Secrets::from_bytes(b"{not json"), None);
    }

    #[test]
    fn passphrases_count_characters_and_files_say_they_are_encrypted() {
        assert!(passphrase_long_enough("口令口令口令口令"));
        assert!(!passphrase_long_enough("short12"));
        assert!(passphrase_long_enough("longer12"));
        assert_eq!(
            file_name("customers-2025-03-14.json"),
            "customers-2025-03-14.encrypted.json"
        );
    }

    #[test]
    fn a_sealed_blob_is_checked_before_decrypting() {
        let c = Ciphertext {
            nonce: vec![9; 12],
            data: vec![8; 20],
        };
        let sealed = Sealed::new(&c);
        assert_eq!(sealed.ciphertext(), Ok(c));
        let bad = Sealed {
            nonce: "AAAA".into(),
            ..sealed.clone()
        };
        assert!(matches!(
            bad.ciphertext(),
            Err(EnvelopeError::WrongLength { .. })
        ));
        let bad = Sealed {
            data: "%%%%".into(),
            ..sealed
        };
        assert_eq!(
            bad.ciphertext(),
            Err(EnvelopeError::BadBase64 {
                field: "sealed.data"
            })
        );
    }
}
