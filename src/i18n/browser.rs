//! What the browser refused, in the user's words: a download, reading a picked file, decoding
//! its text, encryption. `detail` is the browser's own short reason (its error name and
//! message), kept so a report can quote it.

use super::Lang;
use crate::store::crypto::CryptoError;

impl Lang {
    pub fn download_failed(self, detail: &str) -> String {
        match self {
            Lang::Zh => format!("浏览器未能保存文件（{detail}）。数据未受影响，请重试。"),
            Lang::En => format!(
                "The browser could not save the file ({detail}). Nothing was changed; try again."
            ),
        }
    }

    pub fn file_read_failed(self, detail: &str) -> String {
        match self {
            Lang::Zh => format!("浏览器未能读取所选文件（{detail}）。请重新选择文件。"),
            Lang::En => {
                format!("The browser could not read the chosen file ({detail}). Choose it again.")
            }
        }
    }

    pub fn decode_failed(self, encoding: &str, detail: &str) -> String {
        match self {
            Lang::Zh => format!("无法按 {encoding} 编码读取文件文字（{detail}）。"),
            Lang::En => format!("The file's text cannot be read as {encoding} ({detail})."),
        }
    }

    /// Why something could not be encrypted or decrypted.
    pub fn crypto_error(self, e: &CryptoError) -> String {
        match e {
            CryptoError::WrongPassphrase => self.import_wrong_passphrase().to_string(),
            CryptoError::Envelope(e) => self.envelope_error(e),
            CryptoError::Browser(detail) => match self {
                Lang::Zh => format!("浏览器的加密功能出错（{detail}）。未写入任何数据。"),
                Lang::En => {
                    format!("The browser's encryption failed ({detail}). Nothing was written.")
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::envelope::EnvelopeError;

    #[test]
    fn every_browser_failure_is_worded_in_both_languages() {
        let errors = [
            CryptoError::WrongPassphrase,
            CryptoError::Envelope(EnvelopeError::NotJson),
            CryptoError::Browser("OperationError: x".into()),
        ];
        for e in &errors {
            let zh = Lang::Zh.crypto_error(e);
            let en = Lang::En.crypto_error(e);
            assert_ne!(zh, en);
            // The Chinese text carries no English of its own (the browser's detail and the
            // name of the file format aside).
            let own = zh.replace("OperationError: x", "").replace("JSON", "");
            assert!(!own.chars().any(|c| c.is_ascii_alphabetic()), "{zh}");
        }
        for zh in [
            Lang::Zh.download_failed("d"),
            Lang::Zh.file_read_failed("d"),
        ] {
            assert!(
                !zh.replace('d', "").chars().any(|c| c.is_ascii_alphabetic()),
                "{zh}"
            );
        }
        assert!(Lang::Zh.decode_failed("GB18030", "d").contains("GB18030"));
    }
}
