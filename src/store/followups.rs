//! Follow-ups with everything they make (to-dos, the planned next step, the satisfaction
//! entry), written together: one transaction, so a follow-up never exists without its
//! consequences or they without it.

use wasm_bindgen::JsValue;

use super::db::{get, put, to_js, Db, Freshness};
use super::error::Op;
use super::schema::stores;
use super::StoreError;
use crate::domain::closed_loop::Effects;
use crate::domain::records::Customer;

impl Db {
    /// Applies a follow-up's effects. Returns the customer when its satisfaction changed.
    pub async fn apply_effects(&self, effects: &Effects) -> Result<Option<Customer>, StoreError> {
        let op = Op::Save;
        let err = |e: rexie::Error| StoreError::browser(op, e);
        let followups = effects
            .followups_put
            .iter()
            .map(|f| to_js(f, op))
            .collect::<Result<Vec<_>, _>>()?;
        let todos = effects
            .todos_put
            .iter()
            .map(|t| to_js(t, op))
            .collect::<Result<Vec<_>, _>>()?;
        let plans = effects
            .plans_put
            .iter()
            .map(|p| to_js(p, op))
            .collect::<Result<Vec<_>, _>>()?;
        let now = js_sys::Date::now() as i64;
        let names = [
            stores::FOLLOWUPS,
            stores::TODOS,
            stores::PLANS,
            stores::CUSTOMERS,
        ];
        let customer = self
            .write(&names, op, Freshness::Checked, async |tx| {
                let delete = async |store: &str, ids: &[String]| -> Result<(), StoreError> {
                    let s = tx.store(store).map_err(err)?;
                    for id in ids {
                        s.delete(JsValue::from_str(id)).await.map_err(err)?;
                    }
                    Ok(())
                };
                delete(stores::FOLLOWUPS, &effects.followups_delete).await?;
                delete(stores::TODOS, &effects.todos_delete).await?;
                delete(stores::PLANS, &effects.plans_delete).await?;
                for v in &followups {
                    put(tx, stores::FOLLOWUPS, v, op).await?;
                }
                for v in &todos {
                    put(tx, stores::TODOS, v, op).await?;
                }
                for v in &plans {
                    put(tx, stores::PLANS, v, op).await?;
                }
                let Some(change) = &effects.score else {
                    return Ok(None);
                };
                let Some(mut customer) =
                    get::<Customer>(tx, stores::CUSTOMERS, &change.customer_id, op).await?
                else {
                    return Ok(None);
                };
                let Some(entries) = change.apply(&customer) else {
                    return Ok(None);
                };
                // A profile change: open forms on the old version must see the conflict.
                customer.satisfaction = entries;
                customer.revision += 1;
                customer.updated_at = now.max(customer.updated_at + 1);
                put(tx, stores::CUSTOMERS, &to_js(&customer, op)?, op).await?;
                Ok(Some(customer))
            })
            .await?;
        Ok(match customer {
            Some(c) => Some(self.open_customer(c).await),
            None => None,
        })
    }
}
