//! The demo office's disputes: in each community one settled with its 调解协议, one being
//! mediated and one just found and graded 重大, so every state of the register shows.

use chrono::{Days, NaiveDate};
use taizhang_core::{
    dispute::{AgreementInput, DisputeInput, DisputeSource, DisputeStatus, MediationInput, Risk},
    org::OrgKind,
};
use taizhang_db::{dispute as table, org, rusqlite::Transaction};

use crate::Result;

/// (纠纷类型, 甲方, 乙方, 情况, 协议内容)
const CASES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "邻里纠纷",
        "赵建国",
        "钱秀兰",
        "楼上卫生间漏水，楼下天花板受损，双方多次争吵",
        "一、赵建国于十日内修复卫生间防水层；二、赵建国赔偿钱秀兰天花板修复费用800元。",
    ),
    (
        "物业纠纷",
        "孙志强",
        "某物业服务公司",
        "业主以电梯经常停运为由拒交物业费，物业公司欲停止服务",
        "一、物业公司于一个月内完成电梯大修并每周公示维保记录；二、孙志强补交物业费，滞纳金免除。",
    ),
    (
        "婚姻家庭纠纷",
        "李春花",
        "周大勇",
        "夫妻因赡养老人费用分担发生矛盾，一方搬回娘家",
        "一、双方每月各承担老人生活费500元；二、周大勇每周探望老人一次。",
    ),
];

fn day(today: NaiveDate, ago: u64) -> String {
    (today - Days::new(ago)).to_string()
}

/// Writes three disputes in each community; returns how many.
pub fn write_disputes(tx: &Transaction, today: NaiveDate) -> Result<usize> {
    let communities: Vec<_> = org::all(tx)?
        .into_iter()
        .filter(|n| n.kind == OrgKind::Community)
        .collect();
    let mut written = 0;
    for (c, community) in communities.iter().enumerate() {
        for (stage, ago) in [(0usize, 40u64), (1, 12), (2, 3)] {
            let (kind, a, b, summary, terms) = CASES[(c + stage) % CASES.len()];
            let input = DisputeInput {
                found_on: day(today, ago),
                source: Some(
                    [
                        DisputeSource::Sweep,
                        DisputeSource::Reported,
                        DisputeSource::GridWorker,
                    ][stage],
                ),
                community_id: Some(community.id),
                kind: kind.to_owned(),
                risk: Some([Risk::Ordinary, Risk::Major, Risk::Grave][stage]),
                party_a: a.to_owned(),
                party_b: b.to_owned(),
                summary: summary.to_owned(),
                mediator: format!("{}调委会", community.name),
                ..DisputeInput::default()
            };
            let month: String = input
                .found_on
                .chars()
                .filter(char::is_ascii_digit)
                .take(6)
                .collect();
            let number = table::next_number(tx, &month)?;
            let id = table::insert(tx, &number, &input)?;
            written += 1;
            if stage == 2 {
                continue;
            }
            table::add_session(
                tx,
                id,
                &MediationInput {
                    held_on: day(today, ago - 2),
                    mediators: input.mediator.clone(),
                    place: format!("{}人民调解室", community.name),
                    process: "双方陈述事实和诉求；调解员释法明理，提出调解方案".to_owned(),
                },
                "演示数据",
            )?;
            if stage == 0 {
                table::end(
                    tx,
                    id,
                    (
                        DisputeStatus::Settled,
                        &AgreementInput {
                            matters: summary.to_owned(),
                            terms: terms.to_owned(),
                            performance: "协议签订之日起一个月内履行完毕，调解员回访履行情况"
                                .to_owned(),
                        },
                        "",
                    ),
                    &day(today, ago - 5),
                )?;
            }
        }
    }
    Ok(written)
}
