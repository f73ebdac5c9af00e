//! PBKDF2 and AES-GCM through the browser's WebCrypto (`crypto.subtle`): no cipher code ships
//! in the wasm. The shapes around the calls (envelopes, salts, verifier, sealed fields) are
//! `domain::envelope`'s. Keys are derived non-extractable: script can use them but never read
//! them, and they live only in this tab's memory.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, CryptoKey, Pbkdf2Params, SubtleCrypto};

use crate::domain::envelope::{
    BackupEnvelope, Ciphertext, EnvelopeError, Kdf, ITERATIONS, NONCE_LEN, SALT_LEN,
};

/// Why something could not be encrypted or decrypted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CryptoError {
    /// AES-GCM's tag did not match: the passphrase is wrong, or the data was changed after
    /// it was encrypted. The two cannot be told apart, by design.
    WrongPassphrase,
    /// The file's envelope is malformed (checked before any decryption).
    Envelope(EnvelopeError),
    /// The browser refused (no WebCrypto outside a secure context, out of memory …); its
    /// own words.
    Browser(String),
}

impl std::fmt::Display for CryptoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CryptoError::WrongPassphrase => write!(
                f,
                "wrong passphrase, or the encrypted data was changed: nothing was decrypted"
            ),
            CryptoError::Envelope(e) => write!(f, "{e}"),
            CryptoError::Browser(detail) => write!(f, "the browser's encryption failed: {detail}"),
        }
    }
}

impl std::error::Error for CryptoError {}

/// The browser's error name and message (a `DOMException` has both).
fn browser(err: JsValue) -> CryptoError {
    let field = |k: &str| {
        Reflect::get(&err, &k.into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    CryptoError::Browser(format!("{}: {}", field("name"), field("message")))
}

fn subtle() -> Result<SubtleCrypto, CryptoError> {
    let crypto = web_sys::window()
        .ok_or_else(|| CryptoError::Browser("no window".into()))?
        .crypto()
        .map_err(browser)?;
    Ok(crypto.subtle())
}

/// `n` bytes from the browser's cryptographic random source.
pub fn random_bytes(n: usize) -> Result<Vec<u8>, CryptoError> {
    let mut bytes = vec![0u8; n];
    web_sys::window()
        .ok_or_else(|| CryptoError::Browser("no window".into()))?
        .crypto()
        .map_err(browser)?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(browser)?;
    Ok(bytes)
}

async fn call(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(promise?).await
}

fn usages(list: &[&str]) -> Array {
    list.iter().map(|u| JsValue::from_str(u)).collect()
}

/// A fresh salt with the current number of rounds, for a new key.
pub fn new_kdf() -> Result<Kdf, CryptoError> {
    Ok(Kdf {
        iterations: ITERATIONS,
        salt: random_bytes(SALT_LEN)?,
    })
}

/// The AES-GCM-256 key for `passphrase` (PBKDF2-SHA-256 over the salt, `kdf.iterations`
/// rounds), non-extractable, for encrypting and decrypting only.
pub async fn derive_key(passphrase: &str, kdf: &Kdf) -> Result<CryptoKey, CryptoError> {
    let subtle = subtle()?;
    let raw = Uint8Array::from(passphrase.as_bytes());
    let base =
        call(subtle.import_key_with_str("raw", &raw, "PBKDF2", false, &usages(&["deriveKey"])))
            .await
            .map_err(browser)?;
    let params = Pbkdf2Params::new_with_str(
        "PBKDF2",
        "SHA-256",
        kdf.iterations,
        &Uint8Array::from(&kdf.salt[..]),
    );
    let aes = Object::new();
    let _ = Reflect::set(&aes, &"name".into(), &"AES-GCM".into());
    let _ = Reflect::set(&aes, &"length".into(), &256.into());
    let key = call(subtle.derive_key_with_object_and_object(
        &params,
        base.unchecked_ref(),
        &aes,
        false,
        &usages(&["encrypt", "decrypt"]),
    ))
    .await
    .map_err(browser)?;
    Ok(key.unchecked_into())
}

fn gcm(nonce: &[u8], aad: &[u8]) -> AesGcmParams {
    let params = AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(nonce));
    if !aad.is_empty() {
        params.set_additional_data_u8_array(&Uint8Array::from(aad));
    }
    params
}

/// Encrypts under a fresh random nonce; `aad` (may be empty) is authenticated, not stored.
pub async fn encrypt(key: &CryptoKey, plain: &[u8], aad: &[u8]) -> Result<Ciphertext, CryptoError> {
    let nonce = random_bytes(NONCE_LEN)?;
    let out = call(subtle()?.encrypt_with_object_and_u8_array(&gcm(&nonce, aad), key, plain))
        .await
        .map_err(browser)?;
    Ok(Ciphertext {
        nonce,
        data: Uint8Array::new(&out).to_vec(),
    })
}

/// Decrypts and checks the tag: a wrong key, a changed byte or other `aad` is
/// [`CryptoError::WrongPassphrase`], and nothing of the plaintext is returned.
pub async fn decrypt(key: &CryptoKey, c: &Ciphertext, aad: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let out = call(subtle()?.decrypt_with_object_and_u8_array(&gcm(&c.nonce, aad), key, &c.data))
        .await
        .map_err(|e| {
            // WebCrypto says OperationError for a tag mismatch and nothing more.
            match browser(e) {
                CryptoError::Browser(d) if d.starts_with("OperationError") => {
                    CryptoError::WrongPassphrase
                }
                other => other,
            }
        })?;
    Ok(Uint8Array::new(&out).to_vec())
}

/// The encrypted backup file for a plain one.
pub async fn seal_backup(passphrase: &str, plain: &str) -> Result<String, CryptoError> {
    let kdf = new_kdf()?;
    let key = derive_key(passphrase, &kdf).await?;
    let cipher = encrypt(&key, plain.as_bytes(), &[]).await?;
    Ok(BackupEnvelope { kdf, cipher }.to_json())
}

/// The plain backup file inside an encrypted one.
pub async fn open_backup(
    passphrase: &str,
    envelope: &BackupEnvelope,
) -> Result<String, CryptoError> {
    let key = derive_key(passphrase, &envelope.kdf).await?;
    let plain = decrypt(&key, &envelope.cipher, &[]).await?;
    Ok(String::from_utf8_lossy(&plain).into_owned())
}

/// The HMAC-SHA-256 key for `passphrase`: PBKDF2 as for [`derive_key`], over the salt with
/// `/mac` after it, so the two keys are independent. Non-extractable, for signing only.
pub async fn derive_mac_key(passphrase: &str, kdf: &Kdf) -> Result<CryptoKey, CryptoError> {
    let subtle = subtle()?;
    let raw = Uint8Array::from(passphrase.as_bytes());
    let base =
        call(subtle.import_key_with_str("raw", &raw, "PBKDF2", false, &usages(&["deriveKey"])))
            .await
            .map_err(browser)?;
    let mut salt = kdf.salt.clone();
    salt.extend_from_slice(b"/mac");
    let params = Pbkdf2Params::new_with_str(
        "PBKDF2",
        "SHA-256",
        kdf.iterations,
        &Uint8Array::from(&salt[..]),
    );
    let hmac = Object::new();
    let _ = Reflect::set(&hmac, &"name".into(), &"HMAC".into());
    let _ = Reflect::set(&hmac, &"hash".into(), &"SHA-256".into());
    let _ = Reflect::set(&hmac, &"length".into(), &256.into());
    let key = call(subtle.derive_key_with_object_and_object(
        &params,
        base.unchecked_ref(),
        &hmac,
        false,
        &usages(&["sign"]),
    ))
    .await
    .map_err(browser)?;
    Ok(key.unchecked_into())
}

/// HMAC-SHA-256 of `data`.
pub async fn hmac(key: &CryptoKey, data: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let out = call(subtle()?.sign_with_str_and_u8_array("HMAC", key, data))
        .await
        .map_err(browser)?;
    Ok(Uint8Array::new(&out).to_vec())
}
