//! The customer lifecycle (客户生命周期, METHOD.md §5, seed 004): five stages.

use serde::{Deserialize, Serialize};

/// 004's five stages. Seed 003's three (导入 introduction, 成长 growth, 成熟 mature) map onto
/// them: lead and nurturing are introduction, converted is growth, mature is mature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 潜在客户
    Lead,
    /// 意向客户
    Nurturing,
    /// 成交客户
    Converted,
    /// 成熟客户
    Mature,
    /// 流失客户
    Churned,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Lead,
        Stage::Nurturing,
        Stage::Converted,
        Stage::Mature,
        Stage::Churned,
    ];
}
