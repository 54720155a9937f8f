//! The TypeScript side of every type that crosses to the UI, and the labels a clerk reads,
//! generated from the Rust declarations into `ui/src/api/bindings.ts`.
//! The page's client is generated beside it, into `ui/src/api/client.ts` ([`client`]).
//! `cargo test -p taizhang-app --test bindings` fails when either file is stale;
//! `UPDATE_BINDINGS=1` rewrites it.

use taizhang_core::import::FieldSpec;
use taizhang_core::{
    appeal::{AppealInput, AppealSource, AppealStatus, AppealStep, Satisfaction, Urgency},
    audit::AuditAction,
    backup::Reason,
    dict::Dict,
    form::FieldError,
    grid::{GridRole, GridWorkerInput},
    house::{
        Appraisal, Conclusion, HouseInput, HouseUse, InspectionInput, Measure, RectStatus,
        RectificationInput, StatusChange,
    },
    household::{HouseholdInput, MemberInput, Relation, Residence},
    meeting::{self, Attendee, MeetingInput, MeetingKind, Quorum, Task, TaskStatus, Topic, Votes},
    org::OrgKind,
    party_member::{self, Category, PartyMemberInput, ReportPost, Status},
    person::Sex,
    points::{
        AccountKind, AccountStatus, Basis, EntryKind, Points, RecordStatus, Rule, StockKind,
        WishStatus,
    },
    progress::{Stage, Tick},
    talent::TalentInput,
    todo::TodoKind,
    user::Role,
    visit::{VisitInput, VisitWay},
};
use taizhang_db::{
    appeal::{AppealRow, StepRow},
    attachment::Attachment,
    audit::{AuditEntry, AuditQuery},
    backup::Summary,
    grid_worker::GridWorkerRow,
    house::{Evacuation, HouseRow, InspectionRow, RectificationRow},
    household::{HouseholdRecord, HouseholdRow},
    import_batch::ImportBatch,
    meeting::{Attended, MeetingDetail, MeetingQuery, MeetingRow, TaskRow},
    org::OrgNode,
    party_member::{
        Contact, PairedHousehold, PartyMemberDetail, PartyMemberQuery, PartyMemberRow, Report,
    },
    points::{AccountRow, Certificate, Dashboard, EntryRow, GoodsRow, PendingRow, WishRow},
    recycle_bin::RecycledItem,
    talent::TalentRow,
    visit::VisitRow,
};
use taizhang_excel::{
    check::{ImportReport, Issue, Level, MappedColumn, RowCounts, SheetReport, UnmappedColumn},
    Format,
};
use ts_rs::{Config, TS};

use crate::{
    appeal::{AppealDetail, AppealLine, AppealPage, AppealQuery},
    archive::{
        ArchiveExported, ArchiveImport, Manifest, ManifestFile, Mode, RegisterMerge, Travel,
    },
    backup::{BackupFile, BackupPreview, BackupSettings},
    export::Exported,
    found::SearchHit,
    grid::{GridWorkerDetail, GridWorkerQuery},
    home::Home,
    house::{HouseDashboard, HouseDetail, HousePage, HouseQuery, MonthFlow, Tally},
    household::{CareTag, HouseholdDetail, HouseholdLine, HouseholdQuery, WorkerDue},
    import::{
        Choice, FieldChange, FieldChoice, ImportOptions, ImportOutcome, ImportPreview, OrgChoice,
        RowKind, RowPlan, UnknownOrg, UnknownValue,
    },
    link::Link,
    meeting::{AttendancePoints, Compliance, ComplianceRow},
    org::{
        sheet::{TreeImport, TreeRow},
        Merged, OrgInput,
    },
    party_member::{ContactInput, PairedHouseholdInput, ReportInput, SensitiveField},
    person::{MergePreview, PersonFile, SearchGroup},
    points::{AccountInput, PointsSheet, Receipt, Recorded, RuleInput, ServiceInput},
    print::{FontSetting, PrintRequest, Printed},
    setup::{CommunityInput, SetupInput, SetupStatus},
    talent::{TalentDetail, TalentQuery},
    todo::TodoItem,
    user::{Session, UserRow},
    AppError, ErrorCode,
};

fn decl<T: TS>(cfg: &Config) -> String {
    format!("export {}\n", T::decl(cfg))
}

fn labels(name: &str, values: impl Iterator<Item = &'static str>) -> String {
    let quoted: Vec<String> = values.map(|v| format!("\"{v}\"")).collect();
    format!("export const {name} = [{}] as const;\n", quoted.join(", "))
}

/// Every register files can be imported into, by its command-line name: its title, what
/// identifies a record, what names it and says where it is in a preview, and its records' name
/// in the audit trail.
fn registers() -> String {
    let rows: Vec<String> = crate::registers::Register::ALL
        .iter()
        .map(|r| {
            format!(
                "  \"{}\": {{ title: \"{}\", key: \"{}\", name: \"{}\", place: \"{}\", entity: \"{}\" }},\n",
                r.cli_name(),
                r.title(),
                r.key_label(),
                r.name_label(),
                r.place_label(),
                r.entity()
            )
        })
        .collect();
    format!(
        "export const REGISTERS = {{\n{}}} as const;\nexport type RegisterName = keyof typeof REGISTERS;\n",
        rows.concat()
    )
}

/// Every kind of record by its table: its name in the audit trail (what `audit.since` answers).
fn kept() -> String {
    let rows: Vec<String> = crate::registers::KEPT
        .iter()
        .map(|k| format!("  {}: \"{}\",\n", k.table, k.entity))
        .collect();
    format!(
        "/** Every kind of record by its table: its name in the audit trail (`registers::KEPT`). */\nexport const KEPT = {{\n{}}} as const;\n",
        rows.concat()
    )
}

fn config() -> Config {
    Config::new().with_large_int("number")
}

/// The page's client, `ui/src/api/client.ts`: one function per command of the command table.
pub fn client() -> String {
    crate::command::typescript(&config())
}

/// `export const NAME = { key: "label", … }` for a register's fields: the labels its forms,
/// lists and details show, as its sheets and card say them.
fn field_labels(name: &str, what: &str, fields: &[FieldSpec]) -> String {
    let fields: Vec<String> = fields
        .iter()
        .map(|f| format!("  {}: \"{}\",", f.key, f.label))
        .collect();
    format!(
        "\n/** The Chinese label of every {what} field, as its sheets and card say it. */\nexport const {name} = {{\n{}\n}} as const;\n",
        fields.join("\n")
    )
}

/// How the page's forms and lists read a register's field descriptions ([`field_views`]).
const FIELD_VIEW: &str = "
/** A register's field as its form and list show it (`core::import::FieldSpec`). `kind` says the
 * input: text, name, id_number, phone, address, date, bool, choice (one of `choices`), dict (one
 * entry of the dictionary `choices`), dict_list (several), org (a unit of the kind `choices`); a
 * field whose value is a list of free words is shown as tags. */
export type FieldView = {
  key: string
  label: string
  kind: 'text' | 'name' | 'id_number' | 'phone' | 'address' | 'date' | 'number' | 'bool' | 'choice' | 'dict' | 'dict_list' | 'org'
  choices: string | readonly string[] | null
  required: boolean
  width: 'third' | 'half' | 'full' | 'long'
  listed: boolean
  /** What the empty input shows (empty for the form's default). */
  hint: string
}
";

/// A register's fields for its form and list, in the order its sheets have them (those only
/// sheets carry left out).
fn field_views(name: &str, what: &str, fields: &[FieldSpec]) -> String {
    use taizhang_core::import::{FieldKind as K, Width};
    let rows: Vec<String> = fields
        .iter()
        .filter(|f| f.in_form)
        .map(|f| {
            let (kind, choices) = match f.kind {
                K::Text | K::Year | K::YearMonth | K::Hours | K::Sex => ("text", "null".to_owned()),
                K::Name => ("name", "null".to_owned()),
                K::IdNumber => ("id_number", "null".to_owned()),
                K::Phone => ("phone", "null".to_owned()),
                K::Address => ("address", "null".to_owned()),
                K::Date => ("date", "null".to_owned()),
                K::Count | K::Number => ("number", "null".to_owned()),
                K::Bool => ("bool", "null".to_owned()),
                K::Choice(labels) => ("choice", format!("{labels:?}")),
                K::Dict(d) => ("dict", format!("\"{}\"", d.label())),
                K::DictList(d) => ("dict_list", format!("\"{}\"", d.label())),
                K::Org(k) => ("org", format!("\"{}\"", k.label())),
            };
            let width = match f.width {
                Width::Third => "third",
                Width::Half => "half",
                Width::Full => "full",
                Width::Long => "long",
            };
            format!(
                "  {{ key: \"{}\", label: \"{}\", kind: \"{kind}\", choices: {choices}, required: {}, width: \"{width}\", listed: {}, hint: \"{}\" }},",
                f.key, f.label, f.required, f.listed, f.hint
            )
        })
        .collect();
    format!(
        "\n/** Every {what} field, for its form and list (declared in Rust with its sheets' headers). */\nexport const {name}: readonly FieldView[] = [\n{}\n];\n",
        rows.join("\n")
    )
}

/// The whole generated file.
pub fn typescript() -> String {
    let cfg = config();
    let mut out = String::from(
        "// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test -p taizhang-app --test bindings`.\n// Do not edit by hand.\n//\n// What is here, in order (each part starts with a `// ──` line):\n//   1. Types: every value that crosses between the page and Rust, each with its Rust doc\n//      comment, in the order `crates/app/src/bindings.rs` lists them (setup and units, party\n//      members, audit and recycle bin, import and export, meetings and printing, points,\n//      houses, talents, the grid, persons with search, to-do and home, backups, archives,\n//      users).\n//   2. Registers and form defaults: REGISTERS (title, key and audit name of each importable\n//      register), KEPT (every kind of record's audit name), NEW_HOUSE, NEW_TALENT,\n//      NEW_HOUSEHOLD, NEW_MEMBER, NEW_GRID_WORKER, NEW_VISIT, NEW_APPEAL, NEW_DISPUTE.\n//   3. Value lists: the Chinese labels of each choice (CATEGORIES, STATUSES, MEASURES …).\n//   4. Field labels: <REGISTER>_LABELS, AUDIT_LABELS, and the forms' TALENT_FIELDS, GRID_WORKER_FIELDS,\n//      VISIT_FIELDS, APPEAL_FIELDS, DISPUTE_FIELDS and GRID_MONTH_FIELDS.\n// The commands are in `client.ts`.\n\n// ── 1. Types ──\n",
    );
    for d in [
        decl::<AppError>(&cfg),
        decl::<crate::command::Bytes>(&cfg),
        decl::<crate::files::Upload>(&cfg),
        decl::<crate::files::SaveAs>(&cfg),
        decl::<ErrorCode>(&cfg),
        decl::<FieldError>(&cfg),
        decl::<SetupStatus>(&cfg),
        decl::<crate::encryption::EncryptionStatus>(&cfg),
        decl::<SetupInput>(&cfg),
        decl::<CommunityInput>(&cfg),
        decl::<OrgKind>(&cfg),
        decl::<OrgNode>(&cfg),
        decl::<OrgInput>(&cfg),
        decl::<Merged>(&cfg),
        decl::<TreeRow>(&cfg),
        decl::<TreeImport>(&cfg),
        decl::<Dict>(&cfg),
        decl::<Sex>(&cfg),
        decl::<Category>(&cfg),
        decl::<Status>(&cfg),
        decl::<ReportPost>(&cfg),
        decl::<PartyMemberInput>(&cfg),
        decl::<PartyMemberQuery>(&cfg),
        decl::<PartyMemberRow>(&cfg),
        decl::<PartyMemberDetail>(&cfg),
        decl::<Report>(&cfg),
        decl::<PairedHousehold>(&cfg),
        decl::<ReportInput>(&cfg),
        decl::<PairedHouseholdInput>(&cfg),
        decl::<SensitiveField>(&cfg),
        decl::<AuditAction>(&cfg),
        decl::<AuditEntry>(&cfg),
        decl::<crate::audit::Changes>(&cfg),
        decl::<AuditQuery>(&cfg),
        decl::<RecycledItem>(&cfg),
        decl::<Stage>(&cfg),
        decl::<Tick>(&cfg),
        decl::<Format>(&cfg),
        decl::<Level>(&cfg),
        decl::<Issue>(&cfg),
        decl::<MappedColumn>(&cfg),
        decl::<UnmappedColumn>(&cfg),
        decl::<SheetReport>(&cfg),
        decl::<RowCounts>(&cfg),
        decl::<ImportReport>(&cfg),
        decl::<RowKind>(&cfg),
        decl::<FieldChange>(&cfg),
        decl::<RowPlan>(&cfg),
        decl::<ImportPreview>(&cfg),
        decl::<ImportOutcome>(&cfg),
        decl::<ImportOptions>(&cfg),
        decl::<OrgChoice>(&cfg),
        decl::<UnknownOrg>(&cfg),
        decl::<UnknownValue>(&cfg),
        decl::<Choice>(&cfg),
        decl::<FieldChoice>(&cfg),
        decl::<ImportBatch>(&cfg),
        decl::<Exported>(&cfg),
        decl::<MeetingKind>(&cfg),
        decl::<TaskStatus>(&cfg),
        decl::<Attendee>(&cfg),
        decl::<Votes>(&cfg),
        decl::<Task>(&cfg),
        decl::<Topic>(&cfg),
        decl::<MeetingInput>(&cfg),
        decl::<Quorum>(&cfg),
        decl::<MeetingQuery>(&cfg),
        decl::<MeetingRow>(&cfg),
        decl::<MeetingDetail>(&cfg),
        decl::<TaskRow>(&cfg),
        decl::<ComplianceRow>(&cfg),
        decl::<Compliance>(&cfg),
        decl::<AttendancePoints>(&cfg),
        decl::<Printed>(&cfg),
        decl::<PrintRequest>(&cfg),
        decl::<FontSetting>(&cfg),
        decl::<AccountKind>(&cfg),
        decl::<AccountStatus>(&cfg),
        decl::<Basis>(&cfg),
        decl::<EntryKind>(&cfg),
        decl::<RecordStatus>(&cfg),
        decl::<StockKind>(&cfg),
        decl::<Points>(&cfg),
        decl::<Rule>(&cfg),
        decl::<AccountRow>(&cfg),
        decl::<EntryRow>(&cfg),
        decl::<GoodsRow>(&cfg),
        decl::<PendingRow>(&cfg),
        decl::<Certificate>(&cfg),
        decl::<AccountInput>(&cfg),
        decl::<RuleInput>(&cfg),
        decl::<ServiceInput>(&cfg),
        decl::<Recorded>(&cfg),
        decl::<Receipt>(&cfg),
        decl::<PointsSheet>(&cfg),
        decl::<WishStatus>(&cfg),
        decl::<WishRow>(&cfg),
        decl::<Dashboard>(&cfg),
        decl::<HouseUse>(&cfg),
        decl::<Appraisal>(&cfg),
        decl::<Conclusion>(&cfg),
        decl::<Measure>(&cfg),
        decl::<RectStatus>(&cfg),
        decl::<HouseInput>(&cfg),
        decl::<InspectionInput>(&cfg),
        decl::<RectificationInput>(&cfg),
        decl::<StatusChange>(&cfg),
        decl::<HouseQuery>(&cfg),
        decl::<HouseRow>(&cfg),
        decl::<InspectionRow>(&cfg),
        decl::<RectificationRow>(&cfg),
        decl::<Evacuation>(&cfg),
        decl::<Attachment>(&cfg),
        decl::<HouseDetail>(&cfg),
        decl::<HousePage>(&cfg),
        decl::<Tally>(&cfg),
        decl::<MonthFlow>(&cfg),
        decl::<HouseDashboard>(&cfg),
        decl::<Contact>(&cfg),
        decl::<ContactInput>(&cfg),
        decl::<TalentInput>(&cfg),
        decl::<TalentRow>(&cfg),
        decl::<TalentQuery>(&cfg),
        decl::<TalentDetail>(&cfg),
        decl::<GridRole>(&cfg),
        decl::<GridWorkerInput>(&cfg),
        decl::<GridWorkerRow>(&cfg),
        decl::<GridWorkerQuery>(&cfg),
        decl::<GridWorkerDetail>(&cfg),
        decl::<Relation>(&cfg),
        decl::<Residence>(&cfg),
        decl::<MemberInput>(&cfg),
        decl::<HouseholdInput>(&cfg),
        decl::<HouseholdRow>(&cfg),
        decl::<HouseholdQuery>(&cfg),
        decl::<HouseholdLine>(&cfg),
        decl::<HouseholdRecord>(&cfg),
        decl::<HouseholdDetail>(&cfg),
        decl::<CareTag>(&cfg),
        decl::<VisitWay>(&cfg),
        decl::<VisitInput>(&cfg),
        decl::<VisitRow>(&cfg),
        decl::<WorkerDue>(&cfg),
        decl::<crate::grid::GridFigures>(&cfg),
        decl::<crate::grid::GridMonth>(&cfg),
        decl::<AppealSource>(&cfg),
        decl::<Urgency>(&cfg),
        decl::<AppealStatus>(&cfg),
        decl::<Satisfaction>(&cfg),
        decl::<AppealInput>(&cfg),
        decl::<taizhang_core::appeal::AppealLinks>(&cfg),
        decl::<taizhang_db::appeal::LinkedAppeal>(&cfg),
        decl::<AppealStep>(&cfg),
        decl::<AppealRow>(&cfg),
        decl::<StepRow>(&cfg),
        decl::<AppealQuery>(&cfg),
        decl::<AppealLine>(&cfg),
        decl::<AppealPage>(&cfg),
        decl::<AppealDetail>(&cfg),
        decl::<taizhang_core::dispute::DisputeStatus>(&cfg),
        decl::<taizhang_core::dispute::Risk>(&cfg),
        decl::<taizhang_core::dispute::DisputeSource>(&cfg),
        decl::<taizhang_core::dispute::DisputeInput>(&cfg),
        decl::<taizhang_core::dispute::MediationInput>(&cfg),
        decl::<taizhang_core::dispute::AgreementInput>(&cfg),
        decl::<taizhang_db::dispute::DisputeRow>(&cfg),
        decl::<taizhang_db::dispute::MediationRow>(&cfg),
        decl::<crate::dispute::DisputeQuery>(&cfg),
        decl::<crate::dispute::DisputePage>(&cfg),
        decl::<crate::dispute::DisputeDetail>(&cfg),
        decl::<Attended>(&cfg),
        decl::<PersonFile>(&cfg),
        decl::<MergePreview>(&cfg),
        decl::<Link>(&cfg),
        decl::<SearchHit>(&cfg),
        decl::<SearchGroup>(&cfg),
        decl::<TodoKind>(&cfg),
        decl::<TodoItem>(&cfg),
        decl::<Home>(&cfg),
        decl::<Reason>(&cfg),
        decl::<Summary>(&cfg),
        decl::<BackupSettings>(&cfg),
        decl::<BackupFile>(&cfg),
        decl::<BackupPreview>(&cfg),
        decl::<ManifestFile>(&cfg),
        decl::<Manifest>(&cfg),
        decl::<ArchiveExported>(&cfg),
        decl::<Mode>(&cfg),
        decl::<Travel>(&cfg),
        decl::<RegisterMerge>(&cfg),
        decl::<ArchiveImport>(&cfg),
        decl::<Role>(&cfg),
        decl::<UserRow>(&cfg),
        decl::<Session>(&cfg),
        decl::<crate::start::Start>(&cfg),
        decl::<crate::network::Sharing>(&cfg),
        decl::<crate::network::Connection>(&cfg),
        "export type Page<T> = { items: Array<T>, total: number, page: number, page_size: number, };\n".to_owned(),
    ] {
        out.push_str(&d);
    }
    out.push_str("\n// ── 2. Registers and form defaults ──\n");
    out.push_str(&registers());
    out.push_str(&kept());
    out.push_str(&format!(
        "/** What the house form starts from (`HouseInput::suggested`). */\nexport const NEW_HOUSE: HouseInput = {};\n",
        serde_json::to_string(&HouseInput::suggested()).unwrap_or_default()
    ));
    out.push_str(&format!(
        "/** What the talent form starts from (`TalentInput::default`). */\nexport const NEW_TALENT: TalentInput = {};\n",
        serde_json::to_string(&TalentInput::default()).unwrap_or_default()
    ));
    out.push_str(&format!(
        "/** What the household form starts from (`HouseholdInput::suggested`). */\nexport const NEW_HOUSEHOLD: HouseholdInput = {};\n",
        serde_json::to_string(&HouseholdInput::suggested()).unwrap_or_default()
    ));
    out.push_str(&format!(
        "/** A member the household form adds (`MemberInput::suggested`). */\nexport const NEW_MEMBER: MemberInput = {};\n",
        serde_json::to_string(&MemberInput::suggested()).unwrap_or_default()
    ));
    out.push_str(&format!(
        "/** What the grid worker form starts from (`GridWorkerInput::suggested`). */\nexport const NEW_GRID_WORKER: GridWorkerInput = {};\n",
        serde_json::to_string(&GridWorkerInput::suggested()).unwrap_or_default()
    ));
    out.push_str(&format!(
        "/** What the visit form starts from (`VisitInput::suggested`). */\nexport const NEW_VISIT: VisitInput = {};\n",
        serde_json::to_string(&VisitInput::suggested()).unwrap_or_default()
    ));
    out.push_str(&format!(
        "/** What the 诉求 form starts from (`AppealInput::suggested`). */\nexport const NEW_APPEAL: AppealInput = {};\n",
        serde_json::to_string(&AppealInput::suggested()).unwrap_or_default()
    ));
    out.push_str(&format!(
        "/** What the dispute form starts from (`DisputeInput::suggested`). */\nexport const NEW_DISPUTE: DisputeInput = {};\n",
        serde_json::to_string(&taizhang_core::dispute::DisputeInput::suggested()).unwrap_or_default()
    ));
    out.push_str("\n// ── 3. Value lists ──\n");
    out.push_str(&labels(
        "CATEGORIES",
        Category::ALL.iter().map(|c| c.label()),
    ));
    out.push_str(&labels("STATUSES", Status::LABELS.iter().copied()));
    out.push_str(&labels("DICTS", Dict::ALL.iter().map(|d| d.label())));
    out.push_str(&labels("ROLES", Role::LABELS.iter().copied()));
    out.push_str(&format!(
        "export const IDLE_MINUTES = {};\nexport const MIN_PASSWORD = {};\n",
        taizhang_core::user::IDLE_MINUTES,
        taizhang_core::user::MIN_PASSWORD
    ));
    out.push_str(&labels(
        "REPORT_POSTS",
        ReportPost::ALL.iter().map(|c| c.label()),
    ));
    out.push_str(&labels(
        "MEETING_KINDS",
        MeetingKind::ALL.iter().map(|c| c.label()),
    ));
    out.push_str(&labels(
        "PARTY_MEETING_KINDS",
        MeetingKind::ALL
            .iter()
            .filter(|k| k.is_party())
            .map(|c| c.label()),
    ));
    out.push_str(&labels(
        "CONSULTATION_KINDS",
        MeetingKind::ALL
            .iter()
            .filter(|k| k.is_consultation())
            .map(|c| c.label()),
    ));
    out.push_str(&labels(
        "TASK_STATUSES",
        TaskStatus::ALL.iter().map(|c| c.label()),
    ));
    out.push_str(&labels(
        "TOPIC_SOURCES",
        meeting::TOPIC_SOURCES.iter().copied(),
    ));
    out.push_str(&labels("BASES", Basis::ALL.iter().map(|c| c.label())));
    out.push_str(&labels(
        "HOUSE_USES",
        HouseUse::ALL.iter().map(|c| c.label()),
    ));
    out.push_str(&labels(
        "APPRAISALS",
        Appraisal::ALL.iter().map(|c| c.label()),
    ));
    out.push_str(&labels(
        "CONCLUSIONS",
        Conclusion::ALL.iter().map(|c| c.label()),
    ));
    out.push_str(&labels("MEASURES", Measure::ALL.iter().map(|c| c.label())));
    out.push_str(&labels(
        "RECT_STATUSES",
        RectStatus::ALL.iter().map(|c| c.label()),
    ));
    out.push_str(&labels("GRID_ROLES", GridRole::LABELS.iter().copied()));
    out.push_str(&labels("RELATIONS", Relation::LABELS.iter().copied()));
    out.push_str(&labels("RESIDENCES", Residence::LABELS.iter().copied()));
    out.push_str(&labels("VISIT_WAYS", VisitWay::LABELS.iter().copied()));
    out.push_str(&labels(
        "APPEAL_SOURCES",
        AppealSource::LABELS.iter().copied(),
    ));
    out.push_str(&labels("URGENCIES", Urgency::LABELS.iter().copied()));
    out.push_str(&labels(
        "APPEAL_STATUSES",
        AppealStatus::LABELS.iter().copied(),
    ));
    out.push_str(&labels(
        "SATISFACTIONS",
        Satisfaction::LABELS.iter().copied(),
    ));
    out.push_str(&labels(
        "DISPUTE_STATUSES",
        taizhang_core::dispute::DisputeStatus::LABELS
            .iter()
            .copied(),
    ));
    out.push_str(&labels(
        "RISKS",
        taizhang_core::dispute::Risk::LABELS.iter().copied(),
    ));
    out.push_str(&labels(
        "SERVING_ORG_KINDS",
        OrgKind::ALL
            .iter()
            .filter(|k| k.can_serve())
            .map(|k| k.label()),
    ));
    out.push_str(&labels(
        "PARTY_ORG_KINDS",
        OrgKind::ALL
            .iter()
            .filter(|k| k.is_party())
            .map(|k| k.label()),
    ));
    let parents: Vec<String> = OrgKind::ALL
        .iter()
        .map(|k| {
            let p: Vec<String> = k
                .parents()
                .iter()
                .map(|p| format!("\"{}\"", p.label()))
                .collect();
            format!("  \"{}\": [{}],", k.label(), p.join(", "))
        })
        .collect();
    out.push_str(&format!(
        "\n/** The kinds a unit of each kind may hang under (none: a root). */\nexport const ORG_PARENTS: Record<OrgKind, OrgKind[]> = {{\n{}\n}};\n",
        parents.join("\n")
    ));
    out.push_str("\n// ── 4. Field labels ──\n");
    let fields: Vec<String> = party_member::FIELDS
        .iter()
        .map(|(k, l)| format!("  {k}: \"{l}\","))
        .collect();
    out.push_str(&format!(
        "\n/** The Chinese label of every party-member field. */\nexport const PARTY_MEMBER_LABELS = {{\n{}\n}} as const;\n",
        fields.join("\n")
    ));
    out.push_str(&field_labels(
        "TALENT_LABELS",
        "talent",
        taizhang_core::talent::TALENT_FIELDS,
    ));
    out.push_str(&format!(
        "\n/** The Chinese label of every meeting and topic field, as the minutes say it. */\nexport const MEETING_LABELS = {} as const;\n",
        serde_json::to_string_pretty(&taizhang_core::meeting::LABELS).unwrap_or_default()
    ));
    out.push_str(&field_labels(
        "VOLUNTEER_LABELS",
        "volunteer",
        taizhang_core::points::VOLUNTEER_FIELDS,
    ));
    out.push_str(&field_labels(
        "SERVICE_LABELS",
        "service record",
        taizhang_core::points::SERVICE_FIELDS,
    ));
    out.push_str(&format!(
        "\n/** The Chinese label of a person's own fields, as the person's file says them. */\nexport const PERSON_LABELS = {} as const;\n",
        serde_json::to_string_pretty(&taizhang_core::person::LABELS).unwrap_or_default()
    ));
    out.push_str(&field_labels(
        "HOUSE_LABELS",
        "house",
        taizhang_core::house::HOUSE_FIELDS,
    ));
    out.push_str(&field_labels(
        "GRID_WORKER_LABELS",
        "grid worker",
        taizhang_core::grid::GRID_WORKER_FIELDS,
    ));
    out.push_str(&field_labels(
        "HOUSEHOLD_LABELS",
        "household",
        taizhang_core::household::HOUSEHOLD_FIELDS,
    ));
    out.push_str(&field_labels(
        "VISIT_LABELS",
        "visit",
        taizhang_core::visit::VISIT_FIELDS,
    ));
    out.push_str(&field_labels(
        "APPEAL_LABELS",
        "诉求",
        taizhang_core::appeal::APPEAL_FIELDS,
    ));
    out.push_str(&field_labels(
        "DISPUTE_LABELS",
        "矛盾纠纷",
        taizhang_core::dispute::DISPUTE_FIELDS,
    ));
    let trail = [
        (crate::party_member::ENTITY, "PARTY_MEMBER_LABELS"),
        (crate::talent::ENTITY, "TALENT_LABELS"),
        (crate::house::ENTITY, "HOUSE_LABELS"),
        (crate::meeting::ENTITY, "MEETING_LABELS"),
        (crate::points::ACCOUNT, "VOLUNTEER_LABELS"),
        (crate::grid::ENTITY, "GRID_WORKER_LABELS"),
        (crate::household::ENTITY, "HOUSEHOLD_LABELS"),
        (crate::visit::ENTITY, "VISIT_LABELS"),
        (crate::appeal::ENTITY, "APPEAL_LABELS"),
        (crate::dispute::ENTITY, "DISPUTE_LABELS"),
    ]
    .map(|(entity, labels)| format!("  \"{entity}\": {labels},"));
    out.push_str(&format!(
        "\n/** Each register's field labels by its name in the audit trail, for a change's fields. */\nexport const AUDIT_LABELS: Record<string, Record<string, string>> = {{\n{}\n}};\n",
        trail.join("\n")
    ));
    out.push_str(FIELD_VIEW);
    out.push_str(&field_views(
        "TALENT_FIELDS",
        "talent",
        taizhang_core::talent::TALENT_FIELDS,
    ));
    out.push_str(&field_views(
        "GRID_WORKER_FIELDS",
        "grid worker",
        taizhang_core::grid::GRID_WORKER_FIELDS,
    ));
    out.push_str(&field_views(
        "VISIT_FIELDS",
        "visit",
        taizhang_core::visit::VISIT_FIELDS,
    ));
    out.push_str(&field_views(
        "APPEAL_FIELDS",
        "诉求",
        taizhang_core::appeal::APPEAL_FIELDS,
    ));
    out.push_str(&field_views(
        "DISPUTE_FIELDS",
        "dispute",
        taizhang_core::dispute::DISPUTE_FIELDS,
    ));
    out.push_str(&field_views(
        "GRID_MONTH_FIELDS",
        "网格工作月报 (the listed ones are its columns)",
        crate::grid::GRID_MONTH_FIELDS,
    ));
    out
}
