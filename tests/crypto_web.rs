//! Encryption in a real browser (WebCrypto in headless Chromium): AES-GCM refuses changed
//! data, encrypted backups open only with their passphrase, and encryption at rest seals the
//! sensitive fields of stored customers.
#![cfg(target_arch = "wasm32")]
// The size rules in clippy.toml are for the app, not its tests.
#![allow(clippy::disallowed_methods)]

use kehu_weihu::domain::envelope::{BackupEnvelope, Kdf, MIN_ITERATIONS};
use kehu_weihu::domain::records::{Contact, Customer, Remark};
use kehu_weihu::domain::tiering::TierState;
use kehu_weihu::store::crypto::{self, CryptoError};
use kehu_weihu::store::schema;
use kehu_weihu::store::{AtRest, Db, Freshness, StoreError};
use wasm_bindgen_test::*;

mod common;
use common::set;

wasm_bindgen_test_configure!(run_in_browser);

const PHONE: &str = "13812345678";

fn db_name(test: &str) -> String {
    format!("test-crypto-{test}-{}", js_sys::Math::random())
}

fn with_contact(id: &str, name: &str) -> Customer {
    Customer {
        id: id.into(),
        name: name.into(),
        contacts: vec![Contact {
            name: "张经理".into(),
            phone: PHONE.into(),
            email: "zhang@example.cn".into(),
            ..Contact::default()
        }],
        remarks: vec![Remark {
            text: "投诉：交付慢".into(),
            ..Remark::default()
        }],
        ..Customer::default()
    }
}

/// What the database really holds, as JSON text.
async fn raw(db: &Db) -> String {
    let stored: Vec<Customer> = db.all().await.unwrap();
    serde_json::to_string(&stored).unwrap()
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// NIST's GCM test case 16 (McGrew & Viega, "The Galois/Counter Mode of Operation", AES-256,
/// 96-bit IV, with additional data) through the app's own decrypt: a mistake made the same way
/// in `encrypt` and `decrypt` (which round trips would pass) fails here.
#[wasm_bindgen_test]
async fn aes_gcm_decrypts_the_published_nist_vector() {
    use wasm_bindgen::JsCast;
    let key = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    let usages = js_sys::Array::of1(&"decrypt".into());
    let subtle = web_sys::window().unwrap().crypto().unwrap().subtle();
    let promise = subtle
        .import_key_with_str(
            "raw",
            &js_sys::Uint8Array::from(&key[..]),
            "AES-GCM",
            false,
            &usages,
        )
        .unwrap();
    let key: web_sys::CryptoKey = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .unwrap()
        .unchecked_into();
    let mut data = hex(concat!(
        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa",
        "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
    ));
    data.extend(hex("76fc6ece0f4e1768cddf8853bb2d551b"));
    let sealed = kehu_weihu::domain::envelope::Ciphertext {
        nonce: hex("cafebabefacedbaddecaf888"),
        data,
    };
    let aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    let plain = crypto::decrypt(&key, &sealed, &aad).await.unwrap();
    assert_eq!(
        plain,
        hex(concat!(
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72",
            "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"
        ))
    );
    assert_eq!(
        crypto::decrypt(&key, &sealed, b"other").await,
        Err(CryptoError::WrongPassphrase)
    );
}

/// RFC 7914 §11's PBKDF2-HMAC-SHA-256 vector (P = "passwd", S = "salt", c = 1; the AES-256 key
/// is the first 32 bytes of its 64): the key the app derives opens what that key sealed
/// (sealed outside the app, by Node's crypto), and nothing else does.
#[wasm_bindgen_test]
async fn pbkdf2_derives_the_published_rfc7914_key() {
    let kdf = Kdf {
        iterations: 1,
        salt: b"salt".to_vec(),
    };
    // AES-256-GCM under 55ac046e…20dacbc, nonce 00…0b, additional data "c1".
    let sealed = kehu_weihu::domain::envelope::Ciphertext {
        nonce: hex("000102030405060708090a0b"),
        data: hex(concat!(
            "05dd19d34521fd336d479bac81b963e3781b2b269876398e9949e27c16a24e2f",
            "ea6b366731d1fb57"
        )),
    };
    let key = crypto::derive_key("passwd", &kdf).await.unwrap();
    let plain = crypto::decrypt(&key, &sealed, b"c1").await.unwrap();
    assert_eq!(String::from_utf8(plain).unwrap(), "客户维护 13800138000");

    let other = crypto::derive_key(
        "passwd",
        &Kdf {
            iterations: 2,
            ..kdf
        },
    )
    .await
    .unwrap();
    assert_eq!(
        crypto::decrypt(&other, &sealed, b"c1").await,
        Err(CryptoError::WrongPassphrase)
    );
}

#[wasm_bindgen_test]
async fn aes_gcm_refuses_a_flipped_ciphertext_byte() {
    let kdf = Kdf {
        iterations: MIN_ITERATIONS,
        salt: crypto::random_bytes(16).unwrap(),
    };
    let key = crypto::derive_key("correct horse", &kdf).await.unwrap();
    let sealed = crypto::encrypt(&key, b"secret phone 138", b"c-1")
        .await
        .unwrap();
    assert_eq!(sealed.nonce.len(), 12);
    assert_eq!(sealed.data.len(), 16 + 16, "ciphertext and its 16-byte tag");
    assert_eq!(
        crypto::decrypt(&key, &sealed, b"c-1").await.unwrap(),
        b"secret phone 138"
    );
    for i in [0, 5, sealed.data.len() - 1] {
        let mut flipped = sealed.clone();
        flipped.data[i] ^= 0x01;
        assert_eq!(
            crypto::decrypt(&key, &flipped, b"c-1").await,
            Err(CryptoError::WrongPassphrase),
            "byte {i}"
        );
    }
    let mut nonce = sealed.clone();
    nonce.nonce[0] ^= 0x80;
    assert_eq!(
        crypto::decrypt(&key, &nonce, b"c-1").await,
        Err(CryptoError::WrongPassphrase)
    );
    // Moved onto another record (other additional data): refused as well.
    assert_eq!(
        crypto::decrypt(&key, &sealed, b"c-2").await,
        Err(CryptoError::WrongPassphrase)
    );
    let other = crypto::derive_key("wrong horse", &kdf).await.unwrap();
    assert_eq!(
        crypto::decrypt(&other, &sealed, b"c-1").await,
        Err(CryptoError::WrongPassphrase)
    );
}

#[wasm_bindgen_test]
async fn an_encrypted_backup_opens_only_with_its_passphrase() {
    let plain = "{\"format\":\"kehu-weihu-backup\",\"note\":\"电话 13812345678 😀\"}\n";
    let file = crypto::seal_backup("口令 passphrase", plain).await.unwrap();
    assert!(!file.contains("13812345678"));
    let envelope = BackupEnvelope::detect(&file).unwrap().unwrap();
    assert_eq!(envelope.kdf.iterations, 600_000);
    assert_eq!(
        crypto::open_backup("wrong passphrase", &envelope).await,
        Err(CryptoError::WrongPassphrase)
    );
    assert_eq!(
        crypto::open_backup("口令 passphrase", &envelope)
            .await
            .unwrap(),
        plain
    );
    // A changed byte of the file's data: refused, nothing decrypted.
    let mut changed = envelope.clone();
    changed.cipher.data[3] ^= 0x10;
    assert_eq!(
        crypto::open_backup("口令 passphrase", &changed).await,
        Err(CryptoError::WrongPassphrase)
    );
    // Two exports of the same data never share a salt or nonce.
    let again =
        BackupEnvelope::detect(&crypto::seal_backup("口令 passphrase", plain).await.unwrap())
            .unwrap()
            .unwrap();
    assert_ne!(again.kdf.salt, envelope.kdf.salt);
    assert_ne!(again.cipher.nonce, envelope.cipher.nonce);
}

#[wasm_bindgen_test]
async fn encryption_at_rest_seals_contacts_and_a_locked_tab_sees_none() {
    let name = db_name("at-rest");
    let db = Db::open_with(&name, schema::CURRENT).await.unwrap();
    // Written the way the app did before encryption existed: no `sealed` blob.
    db.put(&with_contact("c-1", "科技公司")).await.unwrap();
    db.put(&Customer {
        id: "c-2".into(),
        name: "只有名字".into(),
        ..Customer::default()
    })
    .await
    .unwrap();
    assert_eq!(db.customers().await.unwrap().len(), 2);
    assert_eq!(db.at_rest(), AtRest::Off);
    assert!(raw(&db).await.contains(PHONE));

    db.encrypt_at_rest("a long passphrase").await.unwrap();
    assert_eq!(db.at_rest(), AtRest::Unlocked);
    let stored = raw(&db).await;
    assert!(!stored.contains(PHONE), "{stored}");
    assert!(!stored.contains("交付慢"));
    assert!(stored.contains("科技公司"), "names stay readable");
    let open = db.customers().await.unwrap();
    let c1 = open.iter().find(|c| c.id == "c-1").unwrap();
    assert_eq!(c1.contacts[0].phone, PHONE);
    assert_eq!(c1.sealed, None);

    // Another tab: a new connection starts locked and sees no contact details.
    let other = Db::open_with(&name, schema::CURRENT).await.unwrap();
    let locked = other.customers().await.unwrap();
    assert_eq!(other.at_rest(), AtRest::Locked);
    let l1 = locked.iter().find(|c| c.id == "c-1").unwrap();
    assert!(l1.contacts.is_empty() && l1.remarks.is_empty());
    assert!(l1.sealed.is_some());
    // It cannot store contact details, but can save what is not sensitive.
    let err = other
        .save_customer(&with_contact("c-3", "新客户"))
        .await
        .unwrap_err();
    assert_eq!(err, StoreError::Locked);
    let mut renamed = l1.clone();
    renamed.industry = "制造业".into();
    other.save_customer(&renamed).await.unwrap();
    // Tier bookkeeping from the locked tab keeps the blob.
    other
        .update_tier_states(
            &["c-1".into()],
            &set(TierState::default()),
            Freshness::Unchecked,
        )
        .await
        .unwrap();

    // A wrong passphrase is refused and changes nothing.
    let before = raw(&db).await;
    assert_eq!(
        other.unlock("not the passphrase").await,
        Err(StoreError::WrongPassphrase)
    );
    assert_eq!(other.at_rest(), AtRest::Locked);
    assert_eq!(raw(&db).await, before);
    other.unlock("a long passphrase").await.unwrap();
    assert_eq!(other.at_rest(), AtRest::Unlocked);
    let c1 = other
        .customers()
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.id == "c-1")
        .unwrap();
    assert_eq!(c1.contacts[0].phone, PHONE);
    assert_eq!(c1.remarks[0].text, "投诉：交付慢");
    assert_eq!(c1.industry, "制造业");
    // Unlocked, a new customer's contacts are sealed as they are saved.
    other
        .save_customer(&with_contact("c-3", "新客户"))
        .await
        .unwrap();
    assert!(!raw(&other).await.contains(PHONE));
    other.close();

    // Off again, with the passphrase: everything is plain once more.
    assert_eq!(
        db.decrypt_at_rest("wrong").await,
        Err(StoreError::WrongPassphrase)
    );
    db.decrypt_at_rest("a long passphrase").await.unwrap();
    assert_eq!(db.at_rest(), AtRest::Off);
    let stored = raw(&db).await;
    assert!(stored.contains(PHONE) && !stored.contains("\"sealed\""));
    let fresh = Db::open_with(&name, schema::CURRENT).await.unwrap();
    let all = fresh.customers().await.unwrap();
    assert_eq!(fresh.at_rest(), AtRest::Off);
    assert_eq!(all.iter().filter(|c| !c.contacts.is_empty()).count(), 2);
    fresh.close();
    db.close();
    Db::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn an_import_while_encrypted_is_sealed_and_keeps_the_key() {
    let name = db_name("import");
    let db = Db::open_with(&name, schema::CURRENT).await.unwrap();
    db.encrypt_at_rest("a long passphrase").await.unwrap();
    // Replace all clears every store, but not the key the new records are sealed with.
    let incoming = vec![with_contact("n-1", "新客户")];
    db.write_import(true, &incoming, (&[], &[], &[]), None)
        .await
        .unwrap();
    assert!(!raw(&db).await.contains(PHONE));
    let other = Db::open_with(&name, schema::CURRENT).await.unwrap();
    assert!(other.customers().await.unwrap()[0].contacts.is_empty());
    assert_eq!(other.at_rest(), AtRest::Locked);
    // A locked tab cannot import contact details.
    assert_eq!(
        other
            .write_import(false, &incoming, (&[], &[], &[]), None)
            .await,
        Err(StoreError::Locked)
    );
    other.unlock("a long passphrase").await.unwrap();
    assert_eq!(other.customers().await.unwrap(), incoming);
    other.close();
    db.close();
    Db::delete(&name).await.unwrap();
}
