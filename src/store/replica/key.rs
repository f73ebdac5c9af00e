//! The sync key: AES-256-GCM for the documents (each document's id bound in as associated
//! data, so a ciphertext moved to another document does not open) and HMAC-SHA-256 for
//! document ids and revisions, both derived from the passphrase with PBKDF2 as encryption
//! at rest derives its key (`store::crypto`), over the salt kept in the database's key-check
//! document.

use web_sys::CryptoKey;

use crate::domain::envelope::{base64_decode, base64_encode, Ciphertext, Kdf, NONCE_LEN};
use crate::domain::sync::replicator::Cipher;
use crate::store::crypto::{self, CryptoError};

#[derive(Clone)]
pub struct SyncKey {
    aes: CryptoKey,
    mac: CryptoKey,
    kid: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl SyncKey {
    /// The keys as kept (`remember`).
    pub fn parts(&self) -> (&CryptoKey, &CryptoKey, &str) {
        (&self.aes, &self.mac, &self.kid)
    }

    pub fn from_parts(aes: CryptoKey, mac: CryptoKey, kid: String) -> SyncKey {
        SyncKey { aes, mac, kid }
    }

    pub async fn derive(passphrase: &str, kdf: &Kdf) -> Result<SyncKey, CryptoError> {
        let aes = crypto::derive_key(passphrase, kdf).await?;
        let mac = crypto::derive_mac_key(passphrase, kdf).await?;
        let kid = hex(&crypto::hmac(&mac, b"key id").await?[..4]);
        Ok(SyncKey { aes, mac, kid })
    }
}

/// The key derivation's description in the key-check document.
pub fn kdf_json(kdf: &Kdf) -> serde_json::Value {
    serde_json::json!({"alg": "PBKDF2-SHA-256", "iterations": kdf.iterations, "salt": base64_encode(&kdf.salt)})
}

/// The key derivation named by a key-check document.
pub fn kdf_from(doc: &serde_json::Value) -> Option<Kdf> {
    let kdf = doc.get("kdf")?;
    // The rounds are the server's to name: bounded as a backup file's are, so a server cannot
    // make the tab derive for hours.
    let iterations = u32::try_from(kdf.get("iterations")?.as_u64()?)
        .ok()
        .filter(|n| (100_000..=10_000_000).contains(n))?;
    Some(Kdf {
        iterations,
        salt: base64_decode(kdf.get("salt")?.as_str()?)?,
    })
}

impl Cipher for SyncKey {
    async fn seal(&self, doc: &str, plain: &str) -> Result<String, String> {
        let c = crypto::encrypt(&self.aes, plain.as_bytes(), doc.as_bytes())
            .await
            .map_err(|e| e.to_string())?;
        let mut bytes = c.nonce;
        bytes.extend_from_slice(&c.data);
        Ok(base64_encode(&bytes))
    }

    async fn open(&self, doc: &str, sealed: &str) -> Result<Option<String>, String> {
        let Some(bytes) = base64_decode(sealed).filter(|b| b.len() > NONCE_LEN) else {
            return Ok(None);
        };
        let c = Ciphertext {
            nonce: bytes[..NONCE_LEN].to_vec(),
            data: bytes[NONCE_LEN..].to_vec(),
        };
        match crypto::decrypt(&self.aes, &c, doc.as_bytes()).await {
            Ok(plain) => Ok(String::from_utf8(plain).ok()),
            Err(CryptoError::WrongPassphrase) => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }

    async fn mac(&self, text: &str) -> Result<String, String> {
        let out = crypto::hmac(&self.mac, text.as_bytes())
            .await
            .map_err(|e| e.to_string())?;
        Ok(hex(&out[..16]))
    }

    fn key_id(&self) -> String {
        self.kid.clone()
    }
}
