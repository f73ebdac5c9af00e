//! CSV import for people coming from a spreadsheet (客户名单, 订单明细).
//!
//! Three steps, each shown to the user before the next: `read_table` reads the text the
//! browser decoded (UTF-8 or GBK alike), `guess_mapping` proposes a field for each header and
//! the user corrects it, `build_import` checks every row against the mapping and the stored
//! customers. Nothing is written while any error remains, so an import is never half done.

mod mapping;
mod table;

pub use mapping::{guess_mapping, Column};
pub use table::{read_table, CsvError, Row, Table};
