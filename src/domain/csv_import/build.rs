//! Turning mapped rows into new customers, duplicates to decide on, and every problem found.

use std::fmt;

use chrono::NaiveDate;

use super::fields::{self, Problem};
use super::mapping::Column;
use super::matching::Identity;
use super::summary::Summary;
use super::table::{Header, Row, Table};
use crate::domain::money::MoneyUnit;
use crate::domain::records::{Contact, Customer, Order, Tag};
use crate::domain::text::{fold, phone_key};

/// What an import would do. When `errors` is not empty nothing may be written; the rest is
/// still filled in so the preview can show what was read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CsvImport {
    /// New customers with fresh ids, `created_on` today, ready to write.
    pub customers: Vec<Customer>,
    /// Rows (or groups of order rows) that name a customer already known; not in `customers`.
    pub duplicates: Vec<Duplicate>,
    pub errors: Vec<ImportError>,
    /// Data rows in the file, blank rows not counted.
    pub rows_read: usize,
}

/// A customer of the file that is already there. The UI skips it by default; to keep its
/// orders instead, pass `orders` to `merge_duplicate_orders` with the existing customer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Duplicate {
    /// The row (the first row of its orders) in the file.
    pub line: usize,
    /// The name as the file writes it.
    pub name: String,
    /// The stored customer it matches; `None` when it repeats an earlier row of the file.
    pub existing_id: Option<String>,
    /// The earlier row it repeats, when `existing_id` is `None`.
    pub earlier_line: Option<usize>,
    /// The orders the file lists for it, with fresh ids (empty without order columns).
    pub orders: Vec<Order>,
}

/// Why the import cannot be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// No column is mapped to the customer name: no row can be read.
    NoNameColumn,
    /// Two columns are mapped to the same field (named by their headers).
    MappedTwice { first: Header, second: Header },
    /// A summary column (a customer's spend, first deal …) beside a per-order column: the
    /// orders would be counted twice.
    SummaryAndOrders { summary: Header, order: Header },
    /// One cell.
    Cell(RowError),
}

/// A problem in one cell, named by line and header: "line 5, 金额: not a number".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub column: Header,
    pub problem: Problem,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, {}: {}", self.line, self.column, self.problem)
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::NoNameColumn => {
                write!(f, "no column is mapped to the customer name")
            }
            ImportError::MappedTwice { first, second } => {
                write!(
                    f,
                    "columns {first} and {second} are mapped to the same field"
                )
            }
            ImportError::SummaryAndOrders { summary, order } => write!(
                f,
                "column {summary} sums up a customer's orders and column {order} lists orders: \
                 map one kind only"
            ),
            ImportError::Cell(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for ImportError {}

/// Reads the mapped rows of `table` against the `existing` customers.
///
/// Without order columns each row is one customer, and a row naming the same customer as an
/// earlier row is a duplicate. With an order column mapped (date, amount or product), rows of
/// the same customer (see `Identity::same_customer`) become one customer with an order per
/// row, the way spreadsheets list orders; customer cells left blank on later rows are fine,
/// different ones are an error.
pub fn build_import(
    table: &Table,
    mapping: &[Column],
    unit: MoneyUnit,
    existing: &[Customer],
    today: NaiveDate,
    new_id: &mut dyn FnMut() -> String,
) -> CsvImport {
    #[cfg(test)]
    return super::stepping_checks::building_agrees(table, mapping, unit, existing, today, new_id);
    #[cfg(not(test))]
    super::ImportBuilding::new(table, mapping.to_vec(), unit, existing, today).finish(new_id)
}

pub(super) fn check_mapping(table: &Table, mapping: &[Column]) -> Result<(), ImportError> {
    for (i, column) in mapping.iter().enumerate() {
        if *column == Column::Ignore {
            continue;
        }
        if let Some(first) = mapping[..i].iter().position(|c| c == column) {
            return Err(ImportError::MappedTwice {
                first: table.header_label(first),
                second: table.header_label(i),
            });
        }
    }
    if !mapping.contains(&Column::Name) {
        return Err(ImportError::NoNameColumn);
    }
    let summary = mapping.iter().position(|c| c.is_summary());
    let order = mapping.iter().position(|c| c.is_order());
    if let (Some(summary), Some(order)) = (summary, order) {
        return Err(ImportError::SummaryAndOrders {
            summary: table.header_label(summary),
            order: table.header_label(order),
        });
    }
    Ok(())
}

pub(super) struct RowReader<'a> {
    pub table: &'a Table,
    pub mapping: &'a [Column],
    pub unit: MoneyUnit,
    pub today: NaiveDate,
}

impl RowReader<'_> {
    /// One row as a draft customer, every bad cell reported in column order; `None` when the
    /// row has no name.
    ///
    /// A row is an order when any order cell is filled; its amount is then required if an
    /// amount column is mapped, since a blank would silently read as a free order.
    pub(super) fn read(&self, row: &Row, errors: &mut Vec<RowError>) -> Option<Draft> {
        let mut draft = Draft {
            line: row.line,
            ..Draft::default()
        };
        let has_order = (self.mapping.iter().enumerate())
            .any(|(index, column)| column.is_order() && !row.cell(index).is_empty());
        // Dropped at the first bad order cell: a half-read order is never kept.
        let mut order = has_order.then(Order::default);
        for (index, &column) in self.mapping.iter().enumerate() {
            let text = row.cell(index);
            match column {
                Column::Ignore => {}
                Column::Name if text.is_empty() => {
                    errors.push(self.error(row.line, index, Problem::Required));
                }
                Column::Name => draft.name = text.to_string(),
                Column::Tags => draft.tags = fields::tags(text),
                Column::OrderDate if !text.is_empty() => {
                    match self.check(row.line, index, fields::date(text, self.today), errors) {
                        Some(date) => order.iter_mut().for_each(|o| o.date = Some(date)),
                        None => order = None,
                    }
                }
                Column::OrderAmount if has_order => {
                    match self.check(row.line, index, fields::amount(text, self.unit), errors) {
                        Some(fen) => order.iter_mut().for_each(|o| o.amount_fen = fen),
                        None => order = None,
                    }
                }
                Column::OrderProduct => order.iter_mut().for_each(|o| o.product = text.to_string()),
                Column::OrderDate | Column::OrderAmount => {}
                _ if text.is_empty() => {}
                _ => {
                    let checked = check_value(column, text, self.unit, self.today);
                    if self.check(row.line, index, checked, errors).is_some() {
                        draft.values.push(Value {
                            column,
                            index,
                            text: text.to_string(),
                            line: row.line,
                        });
                    }
                }
            }
        }
        draft.orders.extend(order);
        if self.mapping.iter().any(|c| c.is_summary()) {
            self.summary_orders(&mut draft, errors);
        }
        (!draft.name.is_empty()).then_some(draft)
    }

    /// A summary row's orders (see `summary`), or why its cells contradict each other.
    fn summary_orders(&self, draft: &mut Draft, errors: &mut Vec<RowError>) {
        let mut summary = Summary::default();
        for value in &draft.values {
            let text = value.text.as_str();
            match value.column {
                Column::Spend12m => summary.spend_12m = fields::amount(text, self.unit).ok(),
                Column::FirstDeal => summary.first_deal = fields::date(text, self.today).ok(),
                Column::LastOrder => summary.last_order = fields::date(text, self.today).ok(),
                Column::OrderCount => summary.order_count = fields::order_count(text).ok(),
                _ => {}
            }
        }
        let problems = summary.problems(self.today);
        for (column, problem) in &problems {
            if let Some(index) = self.mapping.iter().position(|c| c == column) {
                errors.push(self.error(draft.line, index, problem.clone()));
            }
        }
        if problems.is_empty() {
            draft.orders = summary.orders(self.today);
        }
    }

    fn check<T>(
        &self,
        line: usize,
        index: usize,
        result: Result<T, Problem>,
        errors: &mut Vec<RowError>,
    ) -> Option<T> {
        result
            .map_err(|problem| errors.push(self.error(line, index, problem)))
            .ok()
    }

    fn error(&self, line: usize, index: usize, problem: Problem) -> RowError {
        RowError {
            line,
            column: self.table.header_label(index),
            problem,
        }
    }
}

/// A customer being read: a row, or in order files the rows that name it.
#[derive(Default)]
pub(super) struct Draft {
    /// The first row.
    pub line: usize,
    name: String,
    /// Filled single-valued cells (industry, contact phone …), already checked.
    values: Vec<Value>,
    tags: Vec<Tag>,
    orders: Vec<Order>,
}

struct Value {
    column: Column,
    /// The column's position, to name its header in messages.
    index: usize,
    text: String,
    /// The row the text came from.
    line: usize,
}

impl Draft {
    pub(super) fn identity(&self) -> Identity {
        let mut customer = Customer {
            name: self.name.clone(),
            ..Customer::default()
        };
        self.fill(&mut customer);
        Identity::of(&customer)
    }

    /// Adds a later row of the same customer: blank cells take nothing, cells that say
    /// something else than the earlier row are reported, tags add up, orders append.
    pub(super) fn merge(&mut self, row: Draft, reader: &RowReader, errors: &mut Vec<RowError>) {
        for value in row.values {
            match self.values.iter().find(|v| v.column == value.column) {
                None => self.values.push(value),
                Some(kept) if same_value(value.column, &kept.text, &value.text) => {}
                Some(kept) => errors.push(reader.error(
                    value.line,
                    value.index,
                    Problem::Differs { line: kept.line },
                )),
            }
        }
        for tag in row.tags {
            if !self.tags.contains(&tag) {
                self.tags.push(tag);
            }
        }
        self.orders.extend(row.orders);
    }

    /// Writes the checked values into the profile; cells that failed their check never got here.
    fn fill(&self, customer: &mut Customer) {
        let mut contact = Contact::default();
        for Value { column, text, .. } in &self.values {
            let text = text.clone();
            match column {
                Column::Industry => customer.industry = text,
                Column::Size => customer.size = fields::size(&text).ok(),
                Column::LeadSource => customer.lead_source = text,
                Column::Owner => customer.owner = text,
                Column::ReferredBy => customer.referred_by = text,
                Column::ContactName => contact.name = text,
                Column::ContactTitle => contact.title = text,
                Column::ContactRole => contact.role = fields::role(&text).ok(),
                Column::ContactPhone => contact.phone = text,
                Column::ContactEmail => contact.email = text,
                Column::ContactWechat => contact.wechat = text,
                _ => {}
            }
        }
        if contact != Contact::default() {
            customer.contacts.push(contact);
        }
        customer.tags = self.tags.clone();
    }

    pub(super) fn into_customer(
        self,
        today: NaiveDate,
        new_id: &mut dyn FnMut() -> String,
    ) -> Customer {
        let mut customer = Customer {
            id: new_id(),
            name: self.name.clone(),
            created_on: Some(today),
            ..Customer::default()
        };
        self.fill(&mut customer);
        customer.orders = with_ids(self.orders, new_id);
        customer
    }

    pub(super) fn duplicate(
        self,
        existing_id: Option<String>,
        earlier_line: Option<usize>,
        new_id: &mut dyn FnMut() -> String,
    ) -> Duplicate {
        Duplicate {
            line: self.line,
            name: self.name,
            existing_id,
            earlier_line,
            orders: with_ids(self.orders, new_id),
        }
    }
}

fn with_ids(orders: Vec<Order>, new_id: &mut dyn FnMut() -> String) -> Vec<Order> {
    orders
        .into_iter()
        .map(|order| Order {
            id: new_id(),
            ..order
        })
        .collect()
}

/// A single-valued cell's own check; text fields take anything.
fn check_value(
    column: Column,
    text: &str,
    unit: MoneyUnit,
    today: NaiveDate,
) -> Result<(), Problem> {
    match column {
        Column::Size => fields::size(text).map(drop),
        Column::ContactRole => fields::role(text).map(drop),
        Column::Spend12m => fields::amount(text, unit).map(drop),
        Column::FirstDeal | Column::LastOrder => fields::date(text, today).map(drop),
        Column::OrderCount => fields::order_count(text).map(drop),
        _ => Ok(()),
    }
}

/// Whether two rows of one customer say the same thing: 小型 is small, 138-0000-0000 is
/// 13800000000, and case and width never matter.
fn same_value(column: Column, a: &str, b: &str) -> bool {
    match column {
        Column::Size => fields::size(a) == fields::size(b),
        Column::ContactRole => fields::role(a) == fields::role(b),
        Column::ContactPhone => phone_key(a) == phone_key(b),
        _ => fold(a) == fold(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::csv_import::read_table;

    fn run(text: &str, mapping: &[Column]) -> CsvImport {
        let table = read_table(text).unwrap();
        let today = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
        let mut n = 0;
        let mut new_id = || {
            n += 1;
            format!("id-{n}")
        };
        build_import(&table, mapping, MoneyUnit::Wan, &[], today, &mut new_id)
    }

    #[test]
    fn a_mapping_without_a_name_or_with_a_field_twice_is_one_clear_error() {
        use Column::*;
        let text = "电话,手机,行业\n138,139,制造\n";
        let cases = [
            (
                vec![ContactPhone, Ignore, Industry],
                "no column is mapped to the customer name",
            ),
            (
                vec![ContactPhone, ContactPhone, Name],
                "columns 电话 and 手机 are mapped to the same field",
            ),
        ];
        for (mapping, message) in cases {
            let import = run(text, &mapping);
            let messages: Vec<String> = import.errors.iter().map(|e| e.to_string()).collect();
            assert_eq!(messages, [message]);
            assert!(import.customers.is_empty());
            assert_eq!(import.rows_read, 1);
        }
    }

    #[test]
    fn a_short_mapping_ignores_the_remaining_columns() {
        let import = run("名称,行业\nA公司,制造\n", &[Column::Name]);
        assert_eq!(import.customers[0].name, "A公司");
        assert_eq!(import.customers[0].industry, "");
    }

    #[test]
    fn an_order_without_an_amount_column_is_free_and_without_a_date_undated() {
        let import = run(
            "名称,产品,下单日期\nA公司,咨询,\nA公司,,2024-01-02\nA公司,,\n",
            &[Column::Name, Column::OrderProduct, Column::OrderDate],
        );
        assert!(import.errors.is_empty(), "{:?}", import.errors);
        let orders = &import.customers[0].orders;
        assert_eq!(orders.len(), 2, "the row with no order cell adds no order");
        assert_eq!((orders[0].date, orders[0].product.as_str()), (None, "咨询"));
        assert_eq!(orders[1].date, NaiveDate::from_ymd_opt(2024, 1, 2));
        assert_eq!(orders[1].amount_fen.0, 0);
    }
}
