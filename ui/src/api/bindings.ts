// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test -p taizhang-app --test bindings`.
// Do not edit by hand.
//
// What is here, in order (each part starts with a `// ──` line):
//   1. Types: every value that crosses between the page and Rust, each with its Rust doc
//      comment, in the order `crates/app/src/bindings.rs` lists them (setup and units, party
//      members, audit and recycle bin, import and export, meetings and printing, points,
//      houses, talents, the grid, persons with search, to-do and home, backups, archives,
//      users).
//   2. Registers and form defaults: REGISTERS (title, key and audit name of each importable
//      register), KEPT (every kind of record's audit name), NEW_HOUSE, NEW_TALENT,
//      NEW_HOUSEHOLD, NEW_MEMBER, NEW_GRID_WORKER, NEW_VISIT, NEW_APPEAL, NEW_DISPUTE.
//   3. Value lists: the Chinese labels of each choice (CATEGORIES, STATUSES, MEASURES …).
//   4. Field labels: <REGISTER>_LABELS, AUDIT_LABELS, and the forms' TALENT_FIELDS, GRID_WORKER_FIELDS,
//      VISIT_FIELDS, APPEAL_FIELDS, DISPUTE_FIELDS and GRID_MONTH_FIELDS.
// The commands are in `client.ts`.

// ── 1. Types ──
export type AppError = { code: ErrorCode, message: string, fields: Array<FieldError>, };
export type Bytes = ArrayBuffer;
export type Upload = string;
export type SaveAs = string;
export type ErrorCode = "validation" | "not_found" | "conflict" | "newer_database" | "io" | "bad_file" | "database" | "cancelled" | "forbidden" | "encrypted";
export type FieldError = { 
/**
 * The input's field name (`id_number`).
 */
field: string, 
/**
 * What is wrong, in a clerk's words.
 */
message: string, };
export type SetupStatus = { initialized: boolean, office_name: string, 
/**
 * The database file; empty when asked from another PC (the host's folders are its own).
 */
db_path: string, };
export type EncryptionStatus = { 
/**
 * The database file is keyed with a password.
 */
encrypted: boolean, };
export type SetupInput = { office_name: string, communities: Array<CommunityInput>, branches: Array<string>, };
export type CommunityInput = { name: string, grids: Array<string>, };
export type OrgKind = "街道" | "社区/村" | "网格" | "楼栋/小区" | "党工委" | "党委" | "党总支" | "党支部" | "党小组";
export type OrgNode = { 
/**
 * The unit's id.
 */
id: number, 
/**
 * The unit it hangs under; none for a root.
 */
parent_id: number | null, 
/**
 * What kind of unit it is.
 */
kind: OrgKind, 
/**
 * Its name.
 */
name: string, 
/**
 * For a party organisation: the 社区/村 it serves (数据权限: that community's users see its
 * members). None for the others, and for a party organisation of the 街道 itself.
 */
serves_id: number | null, };
export type OrgInput = { parent_id: number | null, kind: OrgKind, name: string, };
export type Merged = { 
/**
 * Records and child units now pointing at the survivor.
 */
moved: number, };
export type TreeRow = { row: number, name: string, kind: string, parent: string, 
/**
 * 新增, 已有, or 错误.
 */
outcome: string, reason: string, };
export type TreeImport = { added: number, existing: number, errors: number, rows: Array<TreeRow>, };
export type Dict = "民族" | "学历" | "结构类型" | "隐患类型" | "人才类别" | "政治面貌" | "关爱类别" | "诉求类别" | "纠纷类型";
export type Sex = "男" | "女";
export type Category = "入党申请人" | "入党积极分子" | "发展对象" | "预备党员" | "正式党员";
export type Status = "正常" | "流动党员" | "失联党员" | "已转出" | "已去世";
export type ReportPost = "组织建设" | "法律咨询" | "助困扶残" | "社区治理" | "健康医疗" | "文化体育" | "安全宣传/治安巡逻" | "其他";
export type PartyMemberInput = { 
/**
 * 姓名.
 */
name: string, 
/**
 * 公民身份号码: sex and birth date are read from it.
 */
id_number: string, 
/**
 * 民族.
 */
nation: string, 
/**
 * 籍贯.
 */
native_place: string, 
/**
 * 学历.
 */
education: string, 
/**
 * 联系电话.
 */
phone: string, 
/**
 * 家庭住址 (masked when shown).
 */
address: string, 
/**
 * The 网格 they live in.
 */
grid_id: number | null, 
/**
 * Their 党支部.
 */
branch_id: number | null, 
/**
 * Their 党小组.
 */
group_id: number | null, 
/**
 * 人员类别 (正式党员 …).
 */
category: Category, 
/**
 * 递交入党申请书日期.
 */
applied_on: string | null, 
/**
 * 确定为入党积极分子日期.
 */
activist_on: string | null, 
/**
 * 确定为发展对象日期.
 */
candidate_on: string | null, 
/**
 * 入党日期.
 */
joined_on: string | null, 
/**
 * 转正日期.
 */
confirmed_on: string | null, 
/**
 * 工作单位.
 */
work_unit: string, 
/**
 * 党员状态 (正常, 流动 …).
 */
status: Status, 
/**
 * 外出流向 (流动党员).
 */
outflow_place: string, 
/**
 * 党费交至 (year-month).
 */
dues_paid_to: string | null, 
/**
 * 中心户 (联系户长).
 */
is_center_household: boolean, 
/**
 * 备注.
 */
note: string, };
export type PartyMemberQuery = { 
/**
 * Name fragment, pinyin initials or prefix, or the tail of an ID or phone number.
 */
search: string, 
/**
 * A branch, or any party organisation above branches (all branches under it).
 */
branch_id: number | null, 
/**
 * A community or grid (everything under it).
 */
grid_id: number | null, 
/**
 * Only this category.
 */
category: Category | null, 
/**
 * Only this 党籍 status.
 */
status: Status | null, 
/**
 * Only members this old or older.
 */
age_min: number | null, 
/**
 * Only members this old or younger.
 */
age_max: number | null, 
/**
 * Only members an import took in without some required field (待补录).
 */
incomplete: boolean, 
/**
 * 1-based.
 */
page: number, 
/**
 * Rows per page.
 */
page_size: number, };
export type PartyMemberRow = { 
/**
 * The member's id.
 */
id: number, 
/**
 * The name.
 */
name: string, 
/**
 * 男 or 女.
 */
sex: string, 
/**
 * `YYYY-MM-DD`.
 */
birth_date: string, 
/**
 * Age today; none without a birth date.
 */
age: number | null, 
/**
 * 公民身份号码, masked unless revealed.
 */
id_number: string, 
/**
 * The phone number, masked unless revealed.
 */
phone: string, 
/**
 * 民族.
 */
nation: string, 
/**
 * 学历.
 */
education: string, 
/**
 * The branch's name.
 */
branch: string, 
/**
 * The grid's name ("" when none).
 */
grid: string, 
/**
 * 入党申请人 … 正式党员.
 */
category: Category, 
/**
 * 党籍 status.
 */
status: Status, 
/**
 * 入党日期, `YYYY-MM-DD`.
 */
joined_on: string | null, 
/**
 * 工作单位及职务.
 */
work_unit: string, };
export type PartyMemberDetail = { 
/**
 * The member's id.
 */
id: number, 
/**
 * The person the member is.
 */
person_id: number, 
/**
 * The register's fields (the person's own included).
 */
input: PartyMemberInput, 
/**
 * 男 or 女, from the person.
 */
sex: string, 
/**
 * `YYYY-MM-DD`, from the person.
 */
birth_date: string, 
/**
 * Age today; none without a birth date.
 */
age: number | null, 
/**
 * The branch's name.
 */
branch: string, 
/**
 * The party group's name ("" when none).
 */
group: string, 
/**
 * The grid's name ("" when none).
 */
grid: string, 
/**
 * 在职党员 报到 records.
 */
reports: Array<Report>, 
/**
 * The households paired with the member (包联户).
 */
households: Array<PairedHousehold>, 
/**
 * Newest first.
 */
contacts: Array<Contact>, 
/**
 * When the member was added.
 */
created_at: string, 
/**
 * When the member was last changed.
 */
updated_at: string, 
/**
 * When the member went to the recycle bin; none when not there.
 */
deleted_at: string | null, 
/**
 * Keys of the required fields an import could not fill (待补录); empty when complete.
 */
lacking: Array<string>, 
/**
 * The version shown ([`crate::audit::version`]): a save from it is refused once someone
 * else has changed the member.
 */
version: number, };
export type Report = { 
/**
 * The record's id.
 */
id: number, 
/**
 * The unit the member works at.
 */
unit: string, 
/**
 * When the member reported, `YYYY-MM-DD`.
 */
reported_on: string, 
/**
 * The post the member took.
 */
post: ReportPost, 
/**
 * Anything else.
 */
note: string, };
export type PairedHousehold = { 
/**
 * The record's id.
 */
id: number, 
/**
 * The head of the household.
 */
head_name: string, 
/**
 * Its address.
 */
address: string, 
/**
 * Its phone.
 */
phone: string, 
/**
 * Anything else.
 */
note: string, };
export type ReportInput = { unit: string, reported_on: string, post: ReportPost, note: string, };
export type PairedHouseholdInput = { head_name: string, address: string, phone: string, note: string, };
export type SensitiveField = "id_number" | "phone" | "address";
export type AuditAction = "新增" | "修改" | "删除到回收站" | "从回收站恢复" | "合并" | "查看完整信息" | "初始化" | "导入" | "撤销导入" | "导出" | "备份" | "从备份恢复" | "登录" | "数据库密码";
export type AuditEntry = { 
/**
 * The entry's id.
 */
id: number, 
/**
 * When (local time, `YYYY-MM-DD HH:MM:SS`).
 */
at: string, 
/**
 * Who: the logged-in user's name (the system user's from the CLI).
 */
actor: string, 
/**
 * From which PC: another PC's address on the office network; empty on the PC that holds
 * the database.
 */
place: string, 
/**
 * What, in Chinese (新增, 修改, 删除, 恢复, 导入 …).
 */
action: string, 
/**
 * The register, e.g. 党员.
 */
entity: string, 
/**
 * The record's id in its register (0 for the whole office).
 */
entity_id: number, 
/**
 * What happened, in one Chinese sentence.
 */
summary: string, 
/**
 * `{field: [before, after]}`.
 */
changes: Record<string, [unknown, unknown]>, };
export type Changes = { 
/**
 * The newest entry's id: the `after` of the next question.
 */
last: number, 
/**
 * The registers (audit names, as `ENTITY` lists them) another clerk changed since `after`;
 * none on the first question (`after` 0).
 */
entities: Array<string>, };
export type AuditQuery = { 
/**
 * Only entries of this register.
 */
entity: string | null, 
/**
 * Only entries of this record.
 */
entity_id: number | null, 
/**
 * Only entries of this action, e.g. 查看完整信息 for the access log.
 */
action: AuditAction | null, 
/**
 * The page, 1-based.
 */
page: number, 
/**
 * Entries per page.
 */
page_size: number, };
export type RecycledItem = { 
/**
 * The register, e.g. 党员.
 */
entity: string, 
/**
 * The record's id in its register.
 */
entity_id: number, 
/**
 * What the clerk recognises the record by, e.g. "王国民（第一党支部）".
 */
title: string, 
/**
 * When it was deleted (local time, `YYYY-MM-DD HH:MM:SS`).
 */
deleted_at: string, 
/**
 * Who deleted it ("" when not recorded).
 */
deleted_by: string, };
export type Stage = "read" | "check" | "write";
export type Tick = { 
/**
 * The part of the task.
 */
stage: Stage, 
/**
 * Units finished.
 */
done: number, 
/**
 * Units in all.
 */
total: number, };
export type Format = "xlsx" | "xls" | "ods" | "csv" | "html";
export type Level = "error" | "warning";
export type Issue = { 
/**
 * The sheet's name.
 */
sheet: string, 
/**
 * The row number the user sees in Excel.
 */
row: number, 
/**
 * The column letter, e.g. "C"; empty for a whole-row problem.
 */
column: string, 
/**
 * The header the column has in the file.
 */
header: string, 
/**
 * Whether it stops the row.
 */
level: Level, 
/**
 * What is wrong, in Chinese, for the clerk.
 */
message: string, };
export type MappedColumn = { 
/**
 * The column letter, e.g. "C".
 */
column: string, 
/**
 * The header the column has in the file.
 */
header: string, 
/**
 * The register field's key and canonical label.
 */
field: string, 
/**
 * The field's label as the register says it.
 */
label: string, };
export type UnmappedColumn = { 
/**
 * The column letter, e.g. "C".
 */
column: string, 
/**
 * The header the column has in the file.
 */
header: string, };
export type SheetReport = { 
/**
 * The sheet's name.
 */
name: string, 
/**
 * The layout's fingerprint (see [`table::Table::fingerprint`]); empty when not read.
 */
fingerprint: string, 
/**
 * Hidden in the workbook (read only when asked).
 */
hidden: boolean, 
/**
 * Why the sheet was not read, if it was not.
 */
skipped: string | null, 
/**
 * Excel row numbers of the header.
 */
header_rows: Array<number>, 
/**
 * Data rows found between the header and the footer.
 */
data_rows: number, 
/**
 * The columns read as fields.
 */
mapped: Array<MappedColumn>, 
/**
 * The columns left out.
 */
unmapped: Array<UnmappedColumn>, };
export type RowCounts = { 
/**
 * Every data row read.
 */
total: number, 
/**
 * Rows without any issue.
 */
ok: number, 
/**
 * Rows with warnings only.
 */
warning: number, 
/**
 * Rows with an error.
 */
error: number, };
export type ImportReport = { 
/**
 * What the file is, by its content.
 */
format: Format, 
/**
 * The format in Chinese, for the clerk.
 */
format_label: string, 
/**
 * The text encoding of a CSV or HTML file ("GBK", "UTF-8"); none for a workbook.
 */
encoding: string | null, 
/**
 * Every sheet, read or skipped.
 */
sheets: Array<SheetReport>, 
/**
 * The row counts over every sheet read.
 */
rows: RowCounts, 
/**
 * Every issue, in sheet and row order.
 */
issues: Array<Issue>, };
export type RowKind = "new" | "changed" | "unchanged" | "conflict" | "error";
export type FieldChange = { field: string, label: string, before: string, after: string, };
export type RowPlan = { sheet: string, row: number, kind: RowKind, 
/**
 * The record's name, for the preview list.
 */
name: string, 
/**
 * The record's key, masked when it is an ID number.
 */
key: string, 
/**
 * Where it is ([`Target::PLACE`]): a household's address; "" for most registers.
 */
place: string, 
/**
 * For changed rows and conflicts: the fields that differ, old → new (IDs, phones and home addresses masked).
 */
changes: Array<FieldChange>, 
/**
 * Why a row is in conflict or in error.
 */
reason: string, 
/**
 * Labels of the required fields the record will still lack (待补录): the file has no
 * column for them.
 */
lacking: Array<string>, };
export type ImportPreview = { new: number, changed: number, unchanged: number, conflicts: number, 
/**
 * Rows that go in flagged 待补录.
 */
incomplete: number, 
/**
 * Organisation units the file names that the office lacks, and what is done about each.
 */
unknown_orgs: Array<UnknownOrg>, 
/**
 * Values of choice and dictionary columns that are not labels, and how each was read.
 */
unknown_values: Array<UnknownValue>, 
/**
 * The data rows except the unchanged ones, in file order: at most [`LISTED`] of each kind.
 */
diffs: Array<RowPlan>, 
/**
 * How many rows of each kind `diffs` lists at most, and issues of each level
 * `report.issues` ([`LISTED`]).
 */
listed_each: number, 
/**
 * Rows that belong in `diffs` past those listed.
 */
diffs_left_out: number, 
/**
 * Issues past the [`LISTED`] of each level in `report.issues`.
 */
issues_left_out: number, 
/**
 * What the file is, by its content.
 */
format: Format, 
/**
 * The format in Chinese, for the clerk.
 */
format_label: string, 
/**
 * The text encoding of a CSV or HTML file ("GBK", "UTF-8"); none for a workbook.
 */
encoding: string | null, 
/**
 * Every sheet, read or skipped.
 */
sheets: Array<SheetReport>, 
/**
 * The row counts over every sheet read.
 */
rows: RowCounts, 
/**
 * Every issue, in sheet and row order.
 */
issues: Array<Issue>, };
export type ImportOutcome = { 
/**
 * Records written (0 for a preview).
 */
applied: number, batch_id: number | null, 
/**
 * SHA-256 of the file: applying refuses a file changed since its preview.
 */
content_hash: string, new: number, changed: number, unchanged: number, conflicts: number, 
/**
 * Rows that go in flagged 待补录.
 */
incomplete: number, 
/**
 * Organisation units the file names that the office lacks, and what is done about each.
 */
unknown_orgs: Array<UnknownOrg>, 
/**
 * Values of choice and dictionary columns that are not labels, and how each was read.
 */
unknown_values: Array<UnknownValue>, 
/**
 * The data rows except the unchanged ones, in file order: at most [`LISTED`] of each kind.
 */
diffs: Array<RowPlan>, 
/**
 * How many rows of each kind `diffs` lists at most, and issues of each level
 * `report.issues` ([`LISTED`]).
 */
listed_each: number, 
/**
 * Rows that belong in `diffs` past those listed.
 */
diffs_left_out: number, 
/**
 * Issues past the [`LISTED`] of each level in `report.issues`.
 */
issues_left_out: number, 
/**
 * What the file is, by its content.
 */
format: Format, 
/**
 * The format in Chinese, for the clerk.
 */
format_label: string, 
/**
 * The text encoding of a CSV or HTML file ("GBK", "UTF-8"); none for a workbook.
 */
encoding: string | null, 
/**
 * Every sheet, read or skipped.
 */
sheets: Array<SheetReport>, 
/**
 * The row counts over every sheet read.
 */
rows: RowCounts, 
/**
 * Every issue, in sheet and row order.
 */
issues: Array<Issue>, };
export type ImportOptions = { sheet: string | null, mapping: { [key in string]: string }, 
/**
 * Per unknown unit name as the file writes it: create it, or read it as an existing unit.
 */
orgs: { [key in string]: OrgChoice }, 
/**
 * Create every unknown unit no choice names, under the parent the file or the tree gives.
 */
add_missing_orgs: boolean, 
/**
 * The label each value stands for, per field (the value step): field key → (as written →
 * label).
 */
values: { [key in string]: { [key in string]: string } }, 
/**
 * Take every suggested label (by rule or closeness) without asking.
 */
accept_suggestions: boolean, };
export type OrgChoice = { "action": "create", parent_id: number | null, } | { "action": "map", org_id: number, };
export type UnknownOrg = { 
/**
 * As the file writes it.
 */
name: string, kind: OrgKind, 
/**
 * Data rows naming it.
 */
rows: number, 
/**
 * Where it first appears: "工作表 第 n 行".
 */
first_row: string, 
/**
 * The closest unit of the same kind the office has (丽景街社区党支部 ↔ 丽景街社区第一党支部).
 */
suggestion: string | null, 
/**
 * The unit it would be created under, when that can be told.
 */
parent: string | null, 
/**
 * What the import does: 新增 (created on applying), 对应到 X (read as X), or why nothing.
 */
action: string, 
/**
 * Mapped as the clerk chose for a file of the same layout before.
 */
remembered: boolean, };
export type UnknownValue = { 
/**
 * The field's key and label.
 */
field: string, label: string, 
/**
 * As the file writes it.
 */
value: string, rows: number, 
/**
 * Where it first appears: "工作表 第 n 行".
 */
first_row: string, 
/**
 * The label it is read as, or suggested to be.
 */
suggestion: string | null, 
/**
 * Where that comes from: a curated source, a rule, 相近, 本次选择, 已记住.
 */
source: string, 
/**
 * 已导入为 X (with how many rows), or 未处理 (its rows are errors until chosen).
 */
action: string, 
/**
 * The labels the clerk may choose from.
 */
options: Array<string>, 
/**
 * A dictionary field: the value as written may be chosen, to be added to the dictionary.
 */
may_add: boolean, };
export type Choice = { new: boolean, changed: boolean, conflicts: boolean, };
export type FieldChoice = { key: string, label: string, required: boolean, };
export type ImportBatch = { 
/**
 * The batch's id.
 */
id: number, 
/**
 * The register's command-line name (`party-members`, `houses` …).
 */
register: string, 
/**
 * The file's name.
 */
file_name: string, 
/**
 * SHA-256 of the file's bytes: the same file imported twice is recognised.
 */
content_hash: string, 
/**
 * The sheets read, joined with 、.
 */
sheets: string, 
/**
 * Records the batch created.
 */
created: number, 
/**
 * Records it changed.
 */
changed: number, 
/**
 * Rows that matched a record and changed nothing.
 */
unchanged: number, 
/**
 * Rows left alone because the record was edited after the file was saved.
 */
conflicts: number, 
/**
 * Rows refused.
 */
errors: number, 
/**
 * When it was applied.
 */
at: string, 
/**
 * Who applied it.
 */
actor: string, 
/**
 * When it was undone; none while it stands.
 */
undone_at: string | null, 
/**
 * Who undid it.
 */
undone_by: string | null, };
export type Exported = { path: string, rows: number, 
/**
 * IDs, phones and home addresses were masked.
 */
masked: boolean, 
/**
 * For a filled template: the sheet filled, and its columns no register field fills (left
 * empty).
 */
sheet: string | null, unknown_columns: Array<string>, 
/**
 * For a filled template: the form's own blanks filled in (填报单位：交口街道).
 */
filled_in: Array<string>, };
export type MeetingKind = "支部党员大会" | "支委会" | "党小组会" | "党课" | "主题党日" | "说事议事会" | "居民议事会" | "联席会议" | "其他";
export type TaskStatus = "待办" | "办理中" | "已办结";
export type Attendee = { 
/**
 * The person, when from the roster.
 */
person_id: number | null, 
/**
 * The name on the list.
 */
name: string, 
/**
 * 居民代表, 物业, 商户 … (empty for members).
 */
role: string, 
/**
 * Came.
 */
present: boolean, 
/**
 * Why not (请假, 出差 …).
 */
absence_reason: string, };
export type Votes = { 
/**
 * 同意.
 */
agree: number, 
/**
 * 反对.
 */
against: number, 
/**
 * 弃权.
 */
abstain: number, };
export type Task = { 
/**
 * Set once saved; progress is tracked on it after the meeting.
 */
id: number | null, 
/**
 * What is to be done.
 */
content: string, 
/**
 * Who does it.
 */
owner: string, 
/**
 * By when.
 */
due_on: string, 
/**
 * How far it has got.
 */
status: TaskStatus, 
/**
 * 评议: residents' verdict on the result.
 */
review: string, 
/**
 * When it was closed.
 */
closed_on: string | null, };
export type Topic = { 
/**
 * The topic.
 */
title: string, 
/**
 * 议题来源 and 提出人 (说事议事).
 */
source: string, 
/**
 * Who raised it.
 */
proposer: string, 
/**
 * 发言要点.
 */
discussion: string, 
/**
 * The vote, when one was taken.
 */
votes: Votes | null, 
/**
 * 决议.
 */
resolution: string, 
/**
 * The follow-up tasks it gave.
 */
tasks: Array<Task>, };
export type MeetingInput = { 
/**
 * Which meeting (支部党员大会, 说事议事 …).
 */
kind: MeetingKind, 
/**
 * Its title.
 */
title: string, 
/**
 * The branch (or community) holding it.
 */
org_id: number | null, 
/**
 * "2026-11-20 15:00".
 */
held_at: string, 
/**
 * Where.
 */
place: string, 
/**
 * 主持人.
 */
host: string, 
/**
 * 记录人.
 */
recorder: string, 
/**
 * The attendance list.
 */
attendees: Array<Attendee>, 
/**
 * 列席人员.
 */
observers: string, 
/**
 * What was discussed and decided.
 */
topics: Array<Topic>, };
export type Quorum = { 
/**
 * 应到: everyone on the list.
 */
expected: number, 
/**
 * 实到.
 */
present: number, 
/**
 * More than half came.
 */
reached: boolean, };
export type MeetingQuery = { 
/**
 * Only this kind.
 */
kind: MeetingKind | null, 
/**
 * Only meetings of this unit and the units under it.
 */
org_id: number | null, 
/**
 * Only meetings of this year.
 */
year: number | null, 
/**
 * Text in the title, place or chair ("" for all).
 */
search: string, };
export type MeetingRow = { 
/**
 * The meeting's id.
 */
id: number, 
/**
 * Which meeting.
 */
kind: MeetingKind, 
/**
 * Its title.
 */
title: string, 
/**
 * The holding unit.
 */
org_id: number | null, 
/**
 * The holding unit's name ("" when none).
 */
org_name: string, 
/**
 * `YYYY-MM-DD HH:MM`.
 */
held_at: string, 
/**
 * Where.
 */
place: string, 
/**
 * 应到 / 实到.
 */
quorum: Quorum, 
/**
 * How many topics.
 */
topics: number, 
/**
 * Follow-up tasks not done.
 */
open_tasks: number, 
/**
 * Of those, how many are past their deadline.
 */
overdue_tasks: number, };
export type MeetingDetail = { 
/**
 * The meeting's id.
 */
id: number, 
/**
 * What was recorded.
 */
input: MeetingInput, 
/**
 * The holding unit's name ("" when none).
 */
org_name: string, 
/**
 * 应到 / 实到, from the attendance list.
 */
quorum: Quorum, 
/**
 * The version shown ([`crate::audit::version`]): a save from it is refused once someone
 * else has changed the meeting.
 */
version: number, };
export type TaskRow = { 
/**
 * The task.
 */
task: Task, 
/**
 * The meeting it came from.
 */
meeting_id: number, 
/**
 * That meeting's title.
 */
meeting_title: string, 
/**
 * That meeting's holding unit.
 */
org_id: number | null, 
/**
 * When that meeting was held.
 */
held_at: string, 
/**
 * The topic it came from.
 */
topic_title: string, 
/**
 * Not done and past its deadline on the day asked.
 */
overdue: boolean, };
export type ComplianceRow = { branch_id: number, branch: string, kind: MeetingKind, 
/**
 * Meetings held in each period.
 */
held: Array<number>, 
/**
 * Per period: begun (by the day the office is on) and none held — a gap.
 */
missing: Array<boolean>, 
/**
 * How many periods are missing.
 */
gaps: number, };
export type Compliance = { year: number, months: Array<string>, quarters: Array<string>, rows: Array<ComplianceRow>, };
export type AttendancePoints = { person_id: number, name: string, meetings: number, points: number, };
export type Printed = { title: string, pages: number, };
export type PrintRequest = { "kind": "minutes", meeting_id: number, } | { "kind": "signin", meeting_id: number, } | { "kind": "notice", meeting_id: number, } | { "kind": "roster", query: PartyMemberQuery, } | { "kind": "member", member_id: number, } | { "kind": "passbook", account_id: number, } | { "kind": "certificate", number: string, } | { "kind": "points_notice", month: string, } | { "kind": "receipt", redemption_id: number, } | { "kind": "house_archive", house_id: number, } | { "kind": "rectification_notice", house_id: number, } | { "kind": "person_archive", person_id: number, } | { "kind": "talent_card", talent_id: number, } | { "kind": "appeal_sheet", appeal_id: number, } | { "kind": "visit_log", household_id: number, } | { "kind": "agreement", dispute_id: number, };
export type FontSetting = { 
/**
 * The setting's key, e.g. `print.font.body`.
 */
key: string, role: string, bundled: string, 
/**
 * The chosen file; empty for the bundled face.
 */
path: string, 
/**
 * Fonts found on this PC for the role: (name, file).
 */
installed: Array<[string, string]>, };
export type AccountKind = "个人" | "家庭户";
export type AccountStatus = "正常" | "停用";
export type Basis = "每次" | "每小时" | "每月评比";
export type EntryKind = "获得" | "兑换" | "调整" | "过期" | "冲正";
export type RecordStatus = "待审核" | "已审核" | "已退回" | "已撤回";
export type StockKind = "入库" | "兑换出库" | "冲正入库" | "盘点调整";
export type Points = number;
export type Rule = { 
/**
 * Its id.
 */
id: number, 
/**
 * 积分项目, as sheets and forms name it.
 */
name: string, 
/**
 * Per time, per hour or per rating.
 */
basis: Basis, 
/**
 * Per time, per hour or per rating.
 */
points: Points, 
/**
 * At most this much in a day.
 */
cap_day: Points | null, 
/**
 * At most this much in a month.
 */
cap_month: Points | null, 
/**
 * At most this much in a year.
 */
cap_year: Points | null, 
/**
 * The first day it applies.
 */
valid_from: string, 
/**
 * The last day it applies; open-ended when none.
 */
valid_to: string | null, };
export type AccountRow = { 
/**
 * The account's id.
 */
id: number, 
/**
 * 个人 or 家庭户.
 */
kind: AccountKind, 
/**
 * The person's name, or the household's head.
 */
name: string, 
/**
 * The person, for a 个人 account.
 */
person_id: number | null, 
/**
 * The address (the person's, or the household's).
 */
address: string, 
/**
 * 志愿者编号 (unique), if it has one.
 */
volunteer_no: string | null, 
/**
 * The volunteer team (服务队).
 */
team: string, 
/**
 * When the volunteer registered, `YYYY-MM-DD` (or `YYYY-MM` when only the month is known).
 */
registered_on: string, 
/**
 * 正常 or 注销.
 */
status: AccountStatus, 
/**
 * The sum of its ledger entries.
 */
balance: Points, };
export type EntryRow = { 
/**
 * The entry's id.
 */
id: number, 
/**
 * When it was written.
 */
at: string, 
/**
 * 获得, 兑换, 调整, 冲正 or 过期.
 */
kind: EntryKind, 
/**
 * Points in (positive) or out (negative).
 */
points: Points, 
/**
 * The balance after it.
 */
balance: Points, 
/**
 * What it was for.
 */
reason: string, 
/**
 * Who wrote it.
 */
operator: string, 
/**
 * What it came from (a service record, a redemption …), as text.
 */
source: string, 
/**
 * The entry it reverses, for a 冲正.
 */
reverses: number | null, };
export type GoodsRow = { 
/**
 * The goods' id.
 */
id: number, 
/**
 * The name (unique).
 */
name: string, 
/**
 * The unit (个, 瓶, 袋 …).
 */
unit: string, 
/**
 * What one unit costs in points.
 */
price: Points, 
/**
 * At or below this stock the dashboard warns.
 */
low_stock: number, 
/**
 * Units in stock.
 */
stock: number, };
export type PendingRow = { 
/**
 * The record's id.
 */
id: number, 
/**
 * The volunteer's account.
 */
account_id: number, 
/**
 * The account's name (the person, or the household's head).
 */
name: string, 
/**
 * The rule's name.
 */
rule: string, 
/**
 * What was done.
 */
activity: string, 
/**
 * When, `YYYY-MM-DD`.
 */
served_on: string, 
/**
 * How long, in hours.
 */
hours: Points, 
/**
 * The points it would earn.
 */
points: Points, 
/**
 * Who can vouch for it.
 */
certified_by: string, };
export type Certificate = { 
/**
 * Its number, e.g. 2026-0007.
 */
number: string, 
/**
 * The volunteer's account.
 */
account_id: number, 
/**
 * The first day it covers, `YYYY-MM-DD`.
 */
from_day: string, 
/**
 * The last day it covers.
 */
to_day: string, 
/**
 * Hours served in that span, in tenths.
 */
hours: number, 
/**
 * What was done.
 */
content: string, 
/**
 * The unit that issued it.
 */
issuer: string, 
/**
 * The day it was issued.
 */
issued_on: string, };
export type AccountInput = { kind: AccountKind, 
/**
 * The person, or the head of the household.
 */
name: string, 
/**
 * Required for a person's account.
 */
id_number: string, phone: string, address: string, volunteer_no: string, team: string, registered_on: string, };
export type RuleInput = { name: string, basis: Basis, points: string, cap_day: string, cap_month: string, cap_year: string, valid_from: string, };
export type ServiceInput = { account_id: number, 
/**
 * The rule's name (积分项目).
 */
rule: string, activity: string, served_on: string, 
/**
 * "2", "2.5", "3小时", "半天"; empty for a rule counted per time.
 */
hours: string, certified_by: string, 
/**
 * Approved as it is entered (one step), or left for 审核.
 */
approve: boolean, };
export type Recorded = { record_id: number, points: Points, 
/**
 * Why it earned less than the rule gives (a cap), if it did.
 */
note: string, };
export type Receipt = { redemption_id: number, account: string, 
/**
 * (name, quantity, unit, points each).
 */
items: Array<[string, number, string, Points]>, total: Points, balance: Points, };
export type PointsSheet = "ledger" | "stock" | "service" | "ranking";
export type WishStatus = "待认领" | "已认领" | "已实现";
export type WishRow = { 
/**
 * The wish's id.
 */
id: number, 
/**
 * Who made it.
 */
resident: string, 
/**
 * What they wish for.
 */
content: string, 
/**
 * When it was posted, `YYYY-MM-DD`.
 */
posted_on: string, 
/**
 * Where the wish has got (待认领 … 已实现).
 */
status: WishStatus, 
/**
 * The account that claimed it.
 */
account_id: number | null, 
/**
 * Who claimed it ("" when nobody has).
 */
claimed_by: string, 
/**
 * When it was claimed.
 */
claimed_on: string | null, 
/**
 * When it was fulfilled.
 */
fulfilled_on: string | null, };
export type Dashboard = { 
/**
 * Per month 1–12: points earned by approved service done that month, and points redeemed
 * (redemptions not reversed) that month.
 */
earned: Array<Points>, 
/**
 * Per month 1–12: points redeemed that month (redemptions not reversed).
 */
redeemed: Array<Points>, 
/**
 * (goods, quantity redeemed), most first.
 */
top_goods: Array<[string, number]>, 
/**
 * Goods at or below their threshold: (goods, stock, unit).
 */
low_stock: Array<[string, number, string]>, 
/**
 * (name, hours in tenths, records), most hours first.
 */
active: Array<[string, Points, number]>, };
export type HouseUse = "自住" | "出租" | "经营" | "混合";
export type Appraisal = "A级" | "B级" | "C级" | "D级";
export type Conclusion = "无隐患" | "一般隐患" | "存在结构倒塌风险";
export type Measure = "维修" | "加固" | "停用撤离" | "拆除" | "监测";
export type RectStatus = "待整治" | "整治中" | "已整治" | "已销号";
export type HouseInput = { 
/**
 * 房屋地址: names the house; a register's key.
 */
address: string, 
/**
 * The 社区/村 it stands in.
 */
community_id: number | null, 
/**
 * The 网格 it stands in.
 */
grid_id: number | null, 
/**
 * 产权人: a person's name, or a unit's.
 */
owner: string, 
/**
 * The owner's 公民身份号码, empty for a unit or when unknown.
 */
owner_id_number: string, 
/**
 * The owner's phone.
 */
phone: string, 
/**
 * 结构类型 (砖混, 框架 …).
 */
structure: string, 
/**
 * 层数.
 */
storeys: number | null, 
/**
 * Square metres, e.g. "120.5"; empty when unknown.
 */
floor_area: string, 
/**
 * "2005", "1980年代", or empty: see [`Built`].
 */
built: string, 
/**
 * 房屋用途.
 */
use_kind: HouseUse | null, 
/**
 * Used for business (经营性): the campaign's first concern.
 */
business: boolean, 
/**
 * Whether it has been appraised (已鉴定).
 */
appraised: boolean, 
/**
 * The appraisal's grade (A–D).
 */
appraisal: Appraisal | null, 
/**
 * When it was appraised.
 */
appraised_on: string | null, 
/**
 * Who appraised it.
 */
appraiser: string, 
/**
 * 备注.
 */
note: string, };
export type InspectionInput = { 
/**
 * The day it was inspected.
 */
inspected_on: string, 
/**
 * Who inspected it (names).
 */
inspectors: string, 
/**
 * What they found.
 */
findings: string, 
/**
 * 排查结论.
 */
conclusion: Conclusion, 
/**
 * 隐患类型 from the office's dictionary.
 */
hazards: Array<string>, };
export type RectificationInput = { 
/**
 * The hazard it answers, empty for the house as a whole.
 */
hazard: string, 
/**
 * 整治措施.
 */
measure: Measure, 
/**
 * Who answers for it (责任人).
 */
responsible: string, 
/**
 * 整治时限: the day it is due.
 */
deadline: string, 
/**
 * The deadline as a sheet wrote it, when that was a phrase read as a day (“2026年10月底前”);
 * empty when the day was given.
 */
deadline_as_written: string, };
export type StatusChange = { 
/**
 * The day the work was done (to move to 已整治).
 */
completed_on: string | null, 
/**
 * What shows the work was done: photos taken, 验收意见, a document number.
 */
evidence: string, 
/**
 * Why a rectification goes back a step (required then).
 */
reason: string, };
export type HouseQuery = { 
/**
 * Part of the address or the owner's name (pinyin initials too).
 */
search: string, community_id: number | null, overdue_only: boolean, 
/**
 * Only houses an import took in without 产权人 or 结构类型 (待补录).
 */
incomplete: boolean, };
export type HouseRow = { 
/**
 * The house's id.
 */
id: number, 
/**
 * The register's fields.
 */
input: HouseInput, 
/**
 * The community's name ("" when none).
 */
community: string, 
/**
 * In the recycle bin.
 */
deleted: boolean, 
/**
 * The latest inspection's conclusion; None before the first.
 */
conclusion: Conclusion | null, 
/**
 * When it was last inspected, `YYYY-MM-DD`.
 */
inspected_on: string | null, 
/**
 * Rectifications not yet 已整治.
 */
open: number, 
/**
 * Of those, past their deadline.
 */
overdue: number, };
export type InspectionRow = { 
/**
 * The inspection's id.
 */
id: number, 
/**
 * The house inspected.
 */
house_id: number, 
/**
 * What the inspection found.
 */
input: InspectionInput, };
export type RectificationRow = { 
/**
 * The rectification's id.
 */
id: number, 
/**
 * The house.
 */
house_id: number, 
/**
 * The inspection that found the hazard.
 */
inspection_id: number, 
/**
 * The measure, deadline and responsible person.
 */
input: RectificationInput, 
/**
 * 待整治, 整治中 or 已整治 (closed).
 */
status: RectStatus, 
/**
 * When the work was completed, `YYYY-MM-DD`.
 */
completed_on: string | null, 
/**
 * What proves it (a photo's name, a document number …).
 */
evidence: string, 
/**
 * When it was closed, `YYYY-MM-DD`.
 */
closed_on: string | null, 
/**
 * Open and past its deadline on the day asked.
 */
overdue: boolean, };
export type Evacuation = { 
/**
 * The record's id.
 */
id: number, 
/**
 * Who moved.
 */
name: string, 
/**
 * Where they went.
 */
moved_to: string, 
/**
 * When, `YYYY-MM-DD`.
 */
moved_on: string, 
/**
 * Anything else.
 */
note: string, };
export type Attachment = { 
/**
 * The attachment's id.
 */
id: number, 
/**
 * The record it is kept with (a house's id, a 诉求's).
 */
owner_id: number, 
/**
 * Its file name.
 */
name: string, 
/**
 * Its MIME type (image/jpeg, application/pdf …).
 */
mime: string, 
/**
 * Its size in bytes.
 */
size: number, 
/**
 * What it shows.
 */
note: string, 
/**
 * When it was added.
 */
added_at: string, };
export type HouseDetail = { house: HouseRow, inspections: Array<InspectionRow>, rectifications: Array<RectificationRow>, evacuations: Array<Evacuation>, 
/**
 * Photos and scanned documents, without their bytes.
 */
attachments: Array<Attachment>, 
/**
 * The 诉求 linked to it (诉求办理 tracks them; the house shows where they stand).
 */
appeals: Array<LinkedAppeal>, 
/**
 * The required fields an import could not fill (待补录), by key.
 */
lacking: Array<string>, 
/**
 * The version shown (`audit::unchanged_since`): a save from it is refused once someone else
 * has changed the house.
 */
version: number, };
export type HousePage = { rows: Page<HouseRow>, 
/**
 * Rectifications past their deadline, across the register.
 */
overdue: number, 
/**
 * Houses 待补录 (an import took them in without 产权人 or 结构类型), across the register.
 */
incomplete: number, };
export type Tally = { label: string, count: number, };
export type MonthFlow = { 
/**
 * "2026-11"
 */
month: string, found: number, closed: number, };
export type HouseDashboard = { houses: number, 
/**
 * Houses inspected at least once.
 */
inspected: number, 
/**
 * Rectifications not yet 已整治, and of those past their deadline.
 */
open: number, overdue: number, by_structure: Array<Tally>, by_storeys: Array<Tally>, by_use: Array<Tally>, by_conclusion: Array<Tally>, 
/**
 * The last twelve months, this one last, empty months included.
 */
months: Array<MonthFlow>, 
/**
 * Communities with overdue rectifications, most first.
 */
overdue_by_community: Array<Tally>, };
export type Contact = { 
/**
 * The record's id.
 */
id: number, 
/**
 * When, `YYYY-MM-DD`.
 */
contacted_on: string, 
/**
 * 电话, 微信, 走访, 书信 ….
 */
way: string, 
/**
 * What was said or done.
 */
note: string, };
export type ContactInput = { contacted_on: string, way: string, note: string, };
export type TalentInput = { 
/**
 * 姓名.
 */
name: string, 
/**
 * 公民身份号码: sex and birth date are read from it.
 */
id_number: string, 
/**
 * 联系电话.
 */
phone: string, 
/**
 * 社区/村 the talent belongs to.
 */
community_id: number | null, 
/**
 * 人才类别 from the office's dictionary, several at once.
 */
categories: Array<string>, 
/**
 * 学历 from the education dictionary, or empty.
 */
education: string, 
/**
 * 专业.
 */
major: string, 
/**
 * 特长/技能: free tags ("电商", "果树修剪").
 */
skills: Array<string>, 
/**
 * 现工作单位 or 务工地.
 */
work_place: string, 
/**
 * 政治面貌 from its dictionary, or empty.
 */
political: string, 
/**
 * 荣誉.
 */
honours: string, 
/**
 * 备注.
 */
note: string, };
export type TalentRow = { 
/**
 * The entry's id.
 */
id: number, 
/**
 * The person it is about.
 */
person_id: number, 
/**
 * The register's fields, the person's own included.
 */
input: TalentInput, 
/**
 * The community's name ("" when none).
 */
community: string, 
/**
 * 男 or 女, from the person.
 */
sex: string | null, 
/**
 * `YYYY-MM-DD`, from the person.
 */
birth_date: string | null, 
/**
 * In the recycle bin.
 */
deleted: boolean, };
export type TalentQuery = { 
/**
 * Name (pinyin initials too), or the tail of an ID or phone.
 */
search: string, category: string | null, 
/**
 * Part of a skill: 电商 finds 农村电商.
 */
skill: string | null, community_id: number | null, };
export type TalentDetail = { 
/**
 * The version shown (`audit::unchanged_since`): a save from it is refused once someone else
 * has changed the talent.
 */
version: number, 
/**
 * The entry's id.
 */
id: number, 
/**
 * The person it is about.
 */
person_id: number, 
/**
 * The register's fields, the person's own included.
 */
input: TalentInput, 
/**
 * The community's name ("" when none).
 */
community: string, 
/**
 * 男 or 女, from the person.
 */
sex: string | null, 
/**
 * `YYYY-MM-DD`, from the person.
 */
birth_date: string | null, 
/**
 * In the recycle bin.
 */
deleted: boolean, };
export type GridRole = "网格长" | "专职网格员" | "兼职网格员" | "微网格员";
export type GridWorkerInput = { 
/**
 * 姓名.
 */
name: string, 
/**
 * 公民身份号码.
 */
id_number: string, 
/**
 * 联系电话: what residents call.
 */
phone: string, 
/**
 * The 网格 or 微网格 served (a 社区 for a community's 网格长).
 */
unit_id: number | null, 
/**
 * 网格长, 专职网格员 ….
 */
role: GridRole | null, 
/**
 * 负责区域: the buildings or streets, as written ("幸福小区1-6号楼").
 */
area: string, 
/**
 * 备注.
 */
note: string, };
export type GridWorkerRow = { 
/**
 * The entry's id.
 */
id: number, 
/**
 * The person serving.
 */
person_id: number, 
/**
 * The register's fields, the person's own included.
 */
input: GridWorkerInput, 
/**
 * The unit's name, a grid's with its community's (东关社区第一网格).
 */
unit: string, 
/**
 * The unit's path in the tree (`/1/4/9/`), for "everyone under this community".
 */
unit_path: string, 
/**
 * In the recycle bin.
 */
deleted: boolean, };
export type GridWorkerQuery = { 
/**
 * Name (pinyin initials too), or the tail of an ID or phone.
 */
search: string, 
/**
 * Only those serving this unit or a unit under it (a 社区: all its grids).
 */
unit_id: number | null, };
export type GridWorkerDetail = { 
/**
 * The version shown (`audit::unchanged_since`).
 */
version: number, 
/**
 * The entry's id.
 */
id: number, 
/**
 * The person serving.
 */
person_id: number, 
/**
 * The register's fields, the person's own included.
 */
input: GridWorkerInput, 
/**
 * The unit's name, a grid's with its community's (东关社区第一网格).
 */
unit: string, 
/**
 * The unit's path in the tree (`/1/4/9/`), for "everyone under this community".
 */
unit_path: string, 
/**
 * In the recycle bin.
 */
deleted: boolean, };
export type Relation = "户主" | "配偶" | "子" | "女" | "孙子女" | "父母" | "祖父母" | "兄弟姐妹" | "其他";
export type Residence = "户籍人口" | "流动人口" | "寄住人口" | "户在人不在";
export type MemberInput = { 
/**
 * 姓名.
 */
name: string, 
/**
 * 公民身份号码: links the member to the same person in every register.
 */
id_number: string, 
/**
 * 联系电话.
 */
phone: string, 
/**
 * 与户主关系.
 */
relation: Relation | null, 
/**
 * 人员类型.
 */
residence: Residence | null, 
/**
 * 关爱类别 from the office's dictionary (独居老人, 低保户 …), several at once.
 */
care: Array<string>, 
/**
 * 备注 (残疾等级, 监护人 …).
 */
note: string, };
export type HouseholdInput = { 
/**
 * The 社区/村.
 */
community_id: number | null, 
/**
 * The 网格 (or 微网格) it belongs to.
 */
grid_id: number | null, 
/**
 * 小区 or 村民小组 ("幸福小区", "高家沟村三组").
 */
estate: string, 
/**
 * 楼栋 as written ("3号楼"); empty for a courtyard house.
 */
building: string, 
/**
 * 单元 ("2单元").
 */
unit: string, 
/**
 * 门牌/室 ("301", "12号").
 */
room: string, 
/**
 * 备注: what a visitor should know (养犬, 行动不便请多敲门).
 */
note: string, 
/**
 * Who lives there; the first 户主 heads the household.
 */
members: Array<MemberInput>, };
export type HouseholdRow = { 
/**
 * The household's id.
 */
id: number, 
/**
 * The address as one line.
 */
address: string, 
/**
 * The 社区/村's name ("" when none).
 */
community: string, 
/**
 * The 网格 (or 微网格).
 */
grid_id: number | null, 
/**
 * The 网格's name ("" when none).
 */
grid: string, 
/**
 * The head's name (户主, else the first member).
 */
head: string, 
/**
 * The head's phone (masked by the app).
 */
phone: string, 
/**
 * How many live there.
 */
members: number, 
/**
 * The members' care tags, each once.
 */
care: Array<string>, 
/**
 * The last visit's day, if any.
 */
last_visit: string | null, 
/**
 * The days between visits its tags ask for (the most frequent), if any.
 */
visit_days: number | null, };
export type HouseholdQuery = { 
/**
 * A member's name (pinyin initials too), the tail of their ID or phone, or part of the
 * address.
 */
search: string, community_id: number | null, grid_id: number | null, 
/**
 * Only households with a member of this care tag.
 */
care: string | null, 
/**
 * Only households whose visit is due on the office's day.
 */
due: boolean, };
export type HouseholdLine = { 
/**
 * The day the next visit is due (None: no care tag asks for visits).
 */
next_due: string | null, 
/**
 * Due on or before the office's day.
 */
due: boolean, 
/**
 * The household's id.
 */
id: number, 
/**
 * The address as one line.
 */
address: string, 
/**
 * The 社区/村's name ("" when none).
 */
community: string, 
/**
 * The 网格 (or 微网格).
 */
grid_id: number | null, 
/**
 * The 网格's name ("" when none).
 */
grid: string, 
/**
 * The head's name (户主, else the first member).
 */
head: string, 
/**
 * The head's phone (masked by the app).
 */
phone: string, 
/**
 * How many live there.
 */
members: number, 
/**
 * The members' care tags, each once.
 */
care: Array<string>, 
/**
 * The last visit's day, if any.
 */
last_visit: string | null, 
/**
 * The days between visits its tags ask for (the most frequent), if any.
 */
visit_days: number | null, };
export type HouseholdRecord = { 
/**
 * The household's id.
 */
id: number, 
/**
 * Its fields and members.
 */
input: HouseholdInput, 
/**
 * Each member's person, in the order of `input.members`.
 */
person_ids: Array<number>, 
/**
 * In the recycle bin.
 */
deleted: boolean, };
export type HouseholdDetail = { 
/**
 * The version shown (`audit::unchanged_since`).
 */
version: number, 
/**
 * The household's id.
 */
id: number, 
/**
 * Its fields and members.
 */
input: HouseholdInput, 
/**
 * Each member's person, in the order of `input.members`.
 */
person_ids: Array<number>, 
/**
 * In the recycle bin.
 */
deleted: boolean, };
export type CareTag = { tag: string, 
/**
 * None: kept as a tag, no visits due.
 */
visit_days: number | null, };
export type VisitWay = "入户" | "电话" | "微信视频" | "其他";
export type VisitInput = { 
/**
 * The household visited.
 */
household_id: number, 
/**
 * The grid worker who went (`grid_worker.id`).
 */
worker_id: number | null, 
/**
 * The day of the visit.
 */
visited_on: string, 
/**
 * 入户, 电话 ….
 */
way: VisitWay | null, 
/**
 * 走访情况: what was seen and heard.
 */
found: string, 
/**
 * 群众诉求: what the household asked for; empty when nothing.
 */
need: string, };
export type VisitRow = { 
/**
 * The visit's id.
 */
id: number, 
/**
 * What was recorded.
 */
input: VisitInput, 
/**
 * The household's address.
 */
address: string, 
/**
 * The visitor's name.
 */
worker: string, 
/**
 * In the recycle bin.
 */
deleted: boolean, 
/**
 * The number of the 诉求 its need became, if it became one.
 */
appeal: string | null, };
export type WorkerDue = { 
/**
 * 0 for the households nobody serves.
 */
worker_id: number, name: string, 
/**
 * The unit served (0 and "" for the households nobody serves).
 */
unit_id: number, unit: string, role: string, 
/**
 * Households of the worker's unit (and the units under it) due a visit.
 */
due: number, };
export type GridFigures = { 
/**
 * The unit (0 for the 合计).
 */
unit_id: number, 
/**
 * Its name (合计 for the total).
 */
unit: string, 
/**
 * A grid's community; None for a community and the 合计.
 */
community_id: number | null, 
/**
 * 住户: households kept at the month's end.
 */
households: number, 
/**
 * 关爱户: those with a member of some care tag.
 */
cared: number, 
/**
 * 走访次数 in the month.
 */
visits: number, 
/**
 * 走访户数: households visited at least once in the month.
 */
visited: number, 
/**
 * 诉求受理: 诉求 received in the month.
 */
received: number, 
/**
 * 诉求办结: 诉求 finished in the month.
 */
finished: number, 
/**
 * 办结率: of the 诉求 received in the month, the share finished by its end.
 */
finish_rate: string, 
/**
 * 按期办结: of those finished in the month, finished by their deadline (or without one).
 */
on_time: number, 
/**
 * 按期办结率: `on_time` of `finished`.
 */
on_time_rate: string, 
/**
 * 超时限: 诉求 still open at the month's end (or today) and past their deadline.
 */
overdue: number, 
/**
 * 回访 in the month.
 */
called_back: number, 
/**
 * Of those, 满意 or 基本满意.
 */
satisfied: number, 
/**
 * 满意率 as the report writes it (93.3%), "—" without a 回访.
 */
satisfaction: string, 
/**
 * 纠纷排查: disputes found in the month.
 */
disputes_found: number, 
/**
 * 纠纷化解: disputes settled (调解成功) in the month.
 */
disputes_settled: number, 
/**
 * 调解成功率: settled of those ended in the month.
 */
settle_rate: string, };
export type GridMonth = { 
/**
 * 2026-11.
 */
month: string, 
/**
 * 2026年11月.
 */
title: string, rows: Array<GridFigures>, };
export type AppealSource = "走访" | "网格员巡查" | "说事议事" | "来电来访" | "12345工单" | "微信群" | "其他";
export type Urgency = "一般" | "紧急" | "特急";
export type AppealStatus = "待研判" | "待派单" | "已派单" | "办理中" | "已办结" | "已归档";
export type Satisfaction = "满意" | "基本满意" | "不满意";
export type AppealInput = { 
/**
 * 诉求编号: a 12345 工单编号, or empty for the office to number it.
 */
number: string, 
/**
 * Where it came from (走访, 12345工单 …).
 */
source: AppealSource | null, 
/**
 * The day it came in.
 */
received_on: string, 
/**
 * The 社区/村 it concerns.
 */
community_id: number | null, 
/**
 * The 网格 it concerns.
 */
grid_id: number | null, 
/**
 * Where: an address as given, or the household's.
 */
address: string, 
/**
 * The household it concerns, if one of the grid's.
 */
household_id: number | null, 
/**
 * The visit it was raised on, if any.
 */
visit_id: number | null, 
/**
 * 诉求人 as given (may be anonymous).
 */
reporter: string, 
/**
 * 联系电话 (masked wherever shown).
 */
phone: string, 
/**
 * 诉求内容.
 */
content: string, 
/**
 * 诉求类别, when already known (a 工单 says it).
 */
category: string, 
/**
 * 紧急程度, when already known.
 */
urgency: Urgency | null, };
export type AppealLinks = { 
/**
 * The house, if any.
 */
house_id: number | null, 
/**
 * The 说事议事 task (a meeting's 议事任务), if any.
 */
task_id: number | null, };
export type LinkedAppeal = { 
/**
 * The 诉求's id.
 */
id: number, 
/**
 * 诉求编号.
 */
number: string, 
/**
 * Where it stands.
 */
status: AppealStatus, };
export type AppealStep = { 
/**
 * 研判: the category (诉求类别 dictionary).
 */
category: string, 
/**
 * 研判: how urgent.
 */
urgency: Urgency | null, 
/**
 * 派单: the person or department that handles it (承办单位/承办人).
 */
handler: string, 
/**
 * 派单: the day it must be done by (办理时限).
 */
deadline: string | null, 
/**
 * 办理: a progress note; 办结: the result (办理结果); 回访: what was said on the call.
 */
note: string, 
/**
 * 回访: the resident's verdict.
 */
satisfaction: Satisfaction | null, 
/**
 * Going back a step: why.
 */
reason: string, };
export type AppealRow = { 
/**
 * The 诉求's id.
 */
id: number, 
/**
 * As taken in (the number filled in).
 */
input: AppealInput, 
/**
 * Where it stands in the loop.
 */
status: AppealStatus, 
/**
 * 承办人/承办单位.
 */
handler: string, 
/**
 * 办理时限.
 */
deadline: string | null, 
/**
 * 办理结果.
 */
result: string, 
/**
 * The day it was finished (办结).
 */
finished_on: string | null, 
/**
 * The last 回访's verdict.
 */
satisfaction: Satisfaction | null, 
/**
 * The day a 回访 closed it.
 */
closed_on: string | null, 
/**
 * How many times a 回访 not satisfied sent it back.
 */
reopened: number, 
/**
 * The house and the 说事议事 task it is linked to.
 */
links: AppealLinks, 
/**
 * The community's name ("" when none).
 */
community: string, 
/**
 * The grid's name ("" when none).
 */
grid: string, 
/**
 * In the recycle bin.
 */
deleted: boolean, };
export type StepRow = { 
/**
 * The step's id.
 */
id: number, 
/**
 * The day it was taken.
 */
on_day: string, 
/**
 * Where the 诉求 stood before.
 */
from: AppealStatus, 
/**
 * Where it stood after.
 */
to: AppealStatus, 
/**
 * Who took the step.
 */
actor: string, 
/**
 * The progress note, the result or what was said on the call.
 */
note: string, 
/**
 * Why it went back, when it did.
 */
reason: string, 
/**
 * A 回访's verdict.
 */
satisfaction: Satisfaction | null, };
export type AppealQuery = { 
/**
 * Part of the number, the content, the reporter or the address.
 */
search: string, status: AppealStatus | null, category: string | null, community_id: number | null, 
/**
 * Only those still open past their deadline (督办).
 */
overdue: boolean, };
export type AppealLine = { 
/**
 * Open past its deadline on the office's day.
 */
overdue: boolean, 
/**
 * The 诉求's id.
 */
id: number, 
/**
 * As taken in (the number filled in).
 */
input: AppealInput, 
/**
 * Where it stands in the loop.
 */
status: AppealStatus, 
/**
 * 承办人/承办单位.
 */
handler: string, 
/**
 * 办理时限.
 */
deadline: string | null, 
/**
 * 办理结果.
 */
result: string, 
/**
 * The day it was finished (办结).
 */
finished_on: string | null, 
/**
 * The last 回访's verdict.
 */
satisfaction: Satisfaction | null, 
/**
 * The day a 回访 closed it.
 */
closed_on: string | null, 
/**
 * How many times a 回访 not satisfied sent it back.
 */
reopened: number, 
/**
 * The house and the 说事议事 task it is linked to.
 */
links: AppealLinks, 
/**
 * The community's name ("" when none).
 */
community: string, 
/**
 * The grid's name ("" when none).
 */
grid: string, 
/**
 * In the recycle bin.
 */
deleted: boolean, };
export type AppealPage = { rows: Page<AppealLine>, 
/**
 * 诉求 still open (not 已办结 or 已归档) that `ctx` sees.
 */
open: number, 
/**
 * Of those, past their deadline.
 */
overdue: number, };
export type AppealDetail = { steps: Array<StepRow>, 
/**
 * Photos and scans of its handling, without their bytes.
 */
attachments: Array<Attachment>, 
/**
 * The house it is linked to (owner's ID and phone masked).
 */
house: HouseRow | null, 
/**
 * The 说事议事 task it is linked to.
 */
task: TaskRow | null, 
/**
 * The version shown (`audit::unchanged_since`).
 */
version: number, 
/**
 * Open past its deadline on the office's day.
 */
overdue: boolean, 
/**
 * The 诉求's id.
 */
id: number, 
/**
 * As taken in (the number filled in).
 */
input: AppealInput, 
/**
 * Where it stands in the loop.
 */
status: AppealStatus, 
/**
 * 承办人/承办单位.
 */
handler: string, 
/**
 * 办理时限.
 */
deadline: string | null, 
/**
 * 办理结果.
 */
result: string, 
/**
 * The day it was finished (办结).
 */
finished_on: string | null, 
/**
 * The last 回访's verdict.
 */
satisfaction: Satisfaction | null, 
/**
 * The day a 回访 closed it.
 */
closed_on: string | null, 
/**
 * How many times a 回访 not satisfied sent it back.
 */
reopened: number, 
/**
 * The house and the 说事议事 task it is linked to.
 */
links: AppealLinks, 
/**
 * The community's name ("" when none).
 */
community: string, 
/**
 * The grid's name ("" when none).
 */
grid: string, 
/**
 * In the recycle bin.
 */
deleted: boolean, };
export type DisputeStatus = "待调解" | "调解中" | "调解成功" | "调解不成";
export type Risk = "一般" | "较大" | "重大";
export type DisputeSource = "排查发现" | "群众反映" | "网格员上报" | "诉求转入" | "上级交办";
export type DisputeInput = { 
/**
 * 排查日期: the day it was found or taken in.
 */
found_on: string, 
/**
 * 纠纷来源.
 */
source: DisputeSource | null, 
/**
 * The 社区/村 it is in.
 */
community_id: number | null, 
/**
 * The 网格 it is in.
 */
grid_id: number | null, 
/**
 * 纠纷类型 (dictionary 纠纷类型).
 */
kind: string, 
/**
 * 风险等级.
 */
risk: Risk | null, 
/**
 * 当事人（甲方）: a name, or several joined by 、.
 */
party_a: string, 
/**
 * Their 公民身份号码 when one person (masked wherever shown).
 */
party_a_id: string, 
/**
 * Their 联系电话.
 */
party_a_phone: string, 
/**
 * Their 住址 (masked wherever shown).
 */
party_a_address: string, 
/**
 * 当事人（乙方）.
 */
party_b: string, 
/**
 * Their 公民身份号码 when one person.
 */
party_b_id: string, 
/**
 * Their 联系电话.
 */
party_b_phone: string, 
/**
 * Their 住址.
 */
party_b_address: string, 
/**
 * 纠纷简要情况.
 */
summary: string, 
/**
 * 调解员: who is responsible for it.
 */
mediator: string, };
export type MediationInput = { 
/**
 * 调解日期.
 */
held_on: string, 
/**
 * 调解员 present.
 */
mediators: string, 
/**
 * 调解地点.
 */
place: string, 
/**
 * 调解过程: what each side said, what was proposed.
 */
process: string, };
export type AgreementInput = { 
/**
 * 纠纷主要事实、争议事项.
 */
matters: string, 
/**
 * 协议内容: what each side will do.
 */
terms: string, 
/**
 * 履行方式、时限.
 */
performance: string, };
export type DisputeRow = { 
/**
 * The dispute's id.
 */
id: number, 
/**
 * 纠纷编号 (TJ202611-0001).
 */
number: string, 
/**
 * As registered.
 */
input: DisputeInput, 
/**
 * Where it stands.
 */
status: DisputeStatus, 
/**
 * What was agreed, once settled.
 */
agreement: AgreementInput, 
/**
 * Why it failed and where the parties were sent.
 */
failed_reason: string, 
/**
 * The day it was settled or given up.
 */
ended_on: string | null, 
/**
 * The community's name ("" when none).
 */
community: string, 
/**
 * The grid's name ("" when none).
 */
grid: string, 
/**
 * In the recycle bin.
 */
deleted: boolean, };
export type MediationRow = { 
/**
 * The session's id.
 */
id: number, 
/**
 * As recorded.
 */
input: MediationInput, 
/**
 * Who recorded it.
 */
actor: string, };
export type DisputeQuery = { 
/**
 * Part of the number, a party's name, the kind or the summary.
 */
search: string, status: DisputeStatus | null, community_id: number | null, risk: Risk | null, };
export type DisputePage = { rows: Page<DisputeRow>, 
/**
 * Disputes not yet settled or given up that `ctx` sees.
 */
open: number, 
/**
 * Of those, graded 重大.
 */
grave: number, };
export type DisputeDetail = { sessions: Array<MediationRow>, 
/**
 * The version shown (`audit::unchanged_since`).
 */
version: number, 
/**
 * The dispute's id.
 */
id: number, 
/**
 * 纠纷编号 (TJ202611-0001).
 */
number: string, 
/**
 * As registered.
 */
input: DisputeInput, 
/**
 * Where it stands.
 */
status: DisputeStatus, 
/**
 * What was agreed, once settled.
 */
agreement: AgreementInput, 
/**
 * Why it failed and where the parties were sent.
 */
failed_reason: string, 
/**
 * The day it was settled or given up.
 */
ended_on: string | null, 
/**
 * The community's name ("" when none).
 */
community: string, 
/**
 * The grid's name ("" when none).
 */
grid: string, 
/**
 * In the recycle bin.
 */
deleted: boolean, };
export type Attended = { 
/**
 * The meeting's id.
 */
meeting_id: number, 
/**
 * Its holding unit.
 */
org_id: number | null, 
/**
 * Which meeting.
 */
kind: MeetingKind, 
/**
 * Its title.
 */
title: string, 
/**
 * When it was held.
 */
held_at: string, 
/**
 * Whether the person came.
 */
present: boolean, 
/**
 * Why not, when not.
 */
absence_reason: string, };
export type PersonFile = { id: number, name: string, 
/**
 * Masked.
 */
id_number: string, sex: string, birth_date: string, age: number | null, nation: string, education: string, 
/**
 * Masked.
 */
phone: string, 
/**
 * Masked.
 */
address: string, grid: string, 
/**
 * Party membership, its development dates, 报到 records and 包联户.
 */
membership: PartyMemberDetail | null, 
/**
 * The person's own points account (个人).
 */
account: AccountRow | null, 
/**
 * The account's latest entries, newest first.
 */
ledger: Array<EntryRow>, talent: TalentRow | null, 
/**
 * Houses the person owns (产权人).
 */
houses: Array<HouseRow>, 
/**
 * Meetings the person was on the attendance list of, newest first.
 */
meetings: Array<Attended>, 
/**
 * What was done to the person's records in every register, newest first.
 */
audit: Array<AuditEntry>, };
export type MergePreview = { keep: PersonFile, other: PersonFile, 
/**
 * Fields where both records have a value and the values differ: (label, kept, other).
 * The kept record's values stay; blanks are filled from the other.
 */
differences: Array<[string, string, string]>, refusal: string | null, };
export type Link = { "kind": "Person", "id": number } | { "kind": "PartyMember", "id": number } | { "kind": "House", "id": number } | { "kind": "Meeting", "id": number } | { "kind": "Compliance", "id": number } | { "kind": "Goods", "id": number } | { "kind": "IncompleteMembers" } | { "kind": "IncompleteHouses" } | { "kind": "DueVisits", "id": number } | { "kind": "Appeal", "id": number };
export type SearchHit = { 
/**
 * The name or address it is known by.
 */
title: string, 
/**
 * What tells two hits of the same name apart: branch, category, masked ID tail, address.
 */
detail: string, 
/**
 * Where it leads.
 */
target: Link, };
export type SearchGroup = { 
/**
 * 党员, 志愿者, 人才库, 房屋, 会议, 其他人员.
 */
register: string, 
/**
 * All hits in the register, even beyond those listed.
 */
total: number, hits: Array<SearchHit>, };
export type TodoKind = "预备党员转正" | "三会一课" | "议事任务" | "隐患整治" | "商品库存" | "联系流动党员" | "待补录" | "关爱走访" | "诉求督办";
export type TodoItem = { kind: TodoKind, 
/**
 * What is due, naming the record: "王国民 预备期满，应讨论转正".
 */
title: string, detail: string, 
/**
 * The day it is due; None for what is due at once.
 */
due: string | null, overdue: boolean, 
/**
 * The record it opens.
 */
link: Link, };
export type Home = { 
/**
 * 党员, 志愿者 (the 街道 only), 人才, 房屋, 未完成整治, 本年会议, 住户, 今日应走访, 办理中诉求,
 * 超时限诉求 — each with how many.
 */
counts: Array<Tally>, members_by_branch: Array<Tally>, members_by_category: Array<Tally>, members_by_age: Array<Tally>, 
/**
 * This year, per month 1–12; empty for a community's user (the supermarket is the 街道's).
 */
points_earned: Array<Points>, points_redeemed: Array<Points>, houses_by_conclusion: Array<Tally>, talents_by_category: Array<Tally>, };
export type Reason = "每日备份" | "手动备份" | "升级前" | "导入前" | "恢复前" | "档案导入前" | "退出时";
export type Summary = { 
/**
 * Its schema version (`user_version`).
 */
schema_version: number, 
/**
 * The office's name as its settings hold it.
 */
office_name: string, 
/**
 * (register, records not in the recycle bin), registers the backup's version has.
 */
counts: Array<[string, number]>, 
/**
 * The newest audit entry's time: the last change the backup saw.
 */
last_change: string | null, };
export type BackupSettings = { 
/**
 * Where backups go.
 */
folder: string, 
/**
 * `备份` beside the database: where they go when no folder was chosen, or when the chosen
 * one cannot be written (a USB stick that is not plugged in).
 */
default_folder: string, 
/**
 * Whether backups are encrypted with a password.
 */
encrypted: boolean, };
export type BackupFile = { path: string, file_name: string, 
/**
 * When it was taken, "2026-11-23 09:00:00".
 */
at: string, reason: Reason, size: number, 
/**
 * With the backup password (age), or keyed like an encrypted database.
 */
encrypted: boolean, };
export type BackupPreview = { file: BackupFile, backup: Summary, current: Summary, 
/**
 * Why this restore needs the clerk's explicit word: another office's backup, or one that
 * would take away most of the records. A restore with a caution is refused unless confirmed.
 */
caution: string | null, 
/**
 * Whether the backup's checksum file (`….sha256`, written with it) was there and matched;
 * false for a backup copied without it (then only SQLite's own check vouches for it).
 */
checksum_verified: boolean, };
export type ManifestFile = { path: string, size: number, 
/**
 * SHA-256, hex.
 */
sha256: string, };
export type Manifest = { format: string, format_version: number, 
/**
 * The Taizhang version that wrote it.
 */
app_version: string, schema_version: number, office_name: string, created_at: string, created_by: string, 
/**
 * The registers exported as .xlsx, by their command-line names.
 */
registers: Array<string>, 
/**
 * Whether the whole office is in it (then with a database snapshot to replace from).
 */
whole_office: boolean, 
/**
 * Records per register when the archive was written.
 */
counts: Array<[string, number]>, files: Array<ManifestFile>, };
export type ArchiveExported = { 
/**
 * Sealed with a password (asked for on import).
 */
sealed: boolean, path: string, size: number, manifest: Manifest, };
export type Mode = "replace" | "merge";
export type Travel = { "kind": "sealed", "password": string } | { "kind": "plain" };
export type RegisterMerge = { register: string, title: string, outcome: ImportOutcome, };
export type ArchiveImport = { manifest: Manifest, mode: Mode, dry_run: boolean, 
/**
 * The database before.
 */
current: Summary, 
/**
 * The database after (or as it would be).
 */
after: Summary, 
/**
 * For a merge, each register's outcome.
 */
merged: Array<RegisterMerge>, };
export type Role = "管理员" | "录入员" | "查看";
export type UserRow = { id: number, name: string, role: Role, 
/**
 * Locked out after failed logins, until this time.
 */
locked_until: string | null, created_at: string, 
/**
 * The 社区/村 whose part the user keeps (数据权限); none for the 街道.
 */
unit_id: number | null, 
/**
 * Its name ("" for the 街道).
 */
unit: string, };
export type Session = { name: string, role: Role, 
/**
 * The community whose part the user keeps; none for the 街道.
 */
unit: string | null, };
export type Start = { status: SetupStatus, 
/**
 * Whether this seat must log in: the office has named users, or the seat is another PC on
 * the office network.
 */
must_login: boolean, 
/**
 * Who is logged in here.
 */
session: Session | null, 
/**
 * The rest is empty until the office is set up and the seat may use it.
 */
org: Array<OrgNode>, 
/**
 * 民族 and 学历, which the forms of every register offer.
 */
nations: Array<string>, educations: Array<string>, 
/**
 * The commands refused outright to this seat (another PC, a community's user): the pages
 * that need them are left out of the menu.
 */
refused: Array<string>, };
export type Sharing = { 
/**
 * The address colleagues open, `https://192.168.1.20:8443/`.
 */
address: string, 
/**
 * The certificate's SHA-256 fingerprint, which a colleague's browser shows the first time.
 */
fingerprint: string, };
export type Connection = { 
/**
 * `https://192.168.1.20:8443/`.
 */
address: string, 
/**
 * The SHA-256 fingerprint the host's certificate must have.
 */
fingerprint: string, };
export type Page<T> = { items: Array<T>, total: number, page: number, page_size: number, };

// ── 2. Registers and form defaults ──
export const REGISTERS = {
  "party-members": { title: "党员花名册", key: "公民身份号码", name: "姓名", place: "", entity: "党员" },
  "volunteers": { title: "志愿者名册", key: "公民身份号码", name: "姓名", place: "", entity: "积分账户" },
  "service-records": { title: "志愿服务记录", key: "服务记录（同一人、同一天、同一内容和时长）", name: "姓名", place: "", entity: "服务记录" },
  "houses": { title: "自建房安全排查整治台账", key: "房屋地址", name: "产权人", place: "", entity: "房屋" },
  "talents": { title: "人才库花名册", key: "公民身份号码", name: "姓名", place: "", entity: "人才" },
  "grid-workers": { title: "网格员花名册", key: "公民身份号码与所在网格", name: "姓名", place: "所在网格", entity: "网格员" },
  "households": { title: "住户信息表", key: "公民身份号码", name: "姓名", place: "住址", entity: "住户成员" },
  "appeals": { title: "诉求办理台账", key: "诉求编号（工单编号）", name: "诉求人", place: "诉求地址", entity: "诉求" },
} as const;
export type RegisterName = keyof typeof REGISTERS;
/** Every kind of record by its table: its name in the audit trail (`registers::KEPT`). */
export const KEPT = {
  party_member: "党员",
  meeting: "会议",
  points_account: "积分账户",
  house: "房屋",
  house_attachment: "房屋附件",
  appeal_attachment: "诉求附件",
  talent: "人才",
  grid_worker: "网格员",
  household: "住户",
  visit: "走访",
  appeal: "诉求",
  dispute: "矛盾纠纷",
  org_unit: "组织",
} as const;
/** What the house form starts from (`HouseInput::suggested`). */
export const NEW_HOUSE: HouseInput = {"address":"","community_id":null,"grid_id":null,"owner":"","owner_id_number":"","phone":"","structure":"砖混","storeys":null,"floor_area":"","built":"","use_kind":"自住","business":false,"appraised":false,"appraisal":null,"appraised_on":null,"appraiser":"","note":""};
/** What the talent form starts from (`TalentInput::default`). */
export const NEW_TALENT: TalentInput = {"name":"","id_number":"","phone":"","community_id":null,"categories":[],"education":"","major":"","skills":[],"work_place":"","political":"","honours":"","note":""};
/** What the household form starts from (`HouseholdInput::suggested`). */
export const NEW_HOUSEHOLD: HouseholdInput = {"community_id":null,"grid_id":null,"estate":"","building":"","unit":"","room":"","note":"","members":[{"name":"","id_number":"","phone":"","relation":"户主","residence":"户籍人口","care":[],"note":""}]};
/** A member the household form adds (`MemberInput::suggested`). */
export const NEW_MEMBER: MemberInput = {"name":"","id_number":"","phone":"","relation":null,"residence":"户籍人口","care":[],"note":""};
/** What the grid worker form starts from (`GridWorkerInput::suggested`). */
export const NEW_GRID_WORKER: GridWorkerInput = {"name":"","id_number":"","phone":"","unit_id":null,"role":"专职网格员","area":"","note":""};
/** What the visit form starts from (`VisitInput::suggested`). */
export const NEW_VISIT: VisitInput = {"household_id":0,"worker_id":null,"visited_on":"","way":"入户","found":"","need":""};
/** What the 诉求 form starts from (`AppealInput::suggested`). */
export const NEW_APPEAL: AppealInput = {"number":"","source":"走访","received_on":"","community_id":null,"grid_id":null,"address":"","household_id":null,"visit_id":null,"reporter":"","phone":"","content":"","category":"","urgency":"一般"};
/** What the dispute form starts from (`DisputeInput::suggested`). */
export const NEW_DISPUTE: DisputeInput = {"found_on":"","source":"排查发现","community_id":null,"grid_id":null,"kind":"","risk":"一般","party_a":"","party_a_id":"","party_a_phone":"","party_a_address":"","party_b":"","party_b_id":"","party_b_phone":"","party_b_address":"","summary":"","mediator":""};

// ── 3. Value lists ──
export const CATEGORIES = ["入党申请人", "入党积极分子", "发展对象", "预备党员", "正式党员"] as const;
export const STATUSES = ["正常", "流动党员", "失联党员", "已转出", "已去世"] as const;
export const DICTS = ["民族", "学历", "结构类型", "隐患类型", "人才类别", "政治面貌", "关爱类别", "诉求类别", "纠纷类型"] as const;
export const ROLES = ["管理员", "录入员", "查看"] as const;
export const IDLE_MINUTES = 10;
export const MIN_PASSWORD = 6;
export const REPORT_POSTS = ["组织建设", "法律咨询", "助困扶残", "社区治理", "健康医疗", "文化体育", "安全宣传/治安巡逻", "其他"] as const;
export const MEETING_KINDS = ["支部党员大会", "支委会", "党小组会", "党课", "主题党日", "说事议事会", "居民议事会", "联席会议", "其他"] as const;
export const PARTY_MEETING_KINDS = ["支部党员大会", "支委会", "党小组会", "党课", "主题党日"] as const;
export const CONSULTATION_KINDS = ["说事议事会", "居民议事会", "联席会议"] as const;
export const TASK_STATUSES = ["待办", "办理中", "已办结"] as const;
export const TOPIC_SOURCES = ["说事箱", "网格员", "居民来访", "电话反映", "入户走访", "上级交办", "其他"] as const;
export const BASES = ["每次", "每小时", "每月评比"] as const;
export const HOUSE_USES = ["自住", "出租", "经营", "混合"] as const;
export const APPRAISALS = ["A级", "B级", "C级", "D级"] as const;
export const CONCLUSIONS = ["无隐患", "一般隐患", "存在结构倒塌风险"] as const;
export const MEASURES = ["维修", "加固", "停用撤离", "拆除", "监测"] as const;
export const RECT_STATUSES = ["待整治", "整治中", "已整治", "已销号"] as const;
export const GRID_ROLES = ["网格长", "专职网格员", "兼职网格员", "微网格员"] as const;
export const RELATIONS = ["户主", "配偶", "子", "女", "孙子女", "父母", "祖父母", "兄弟姐妹", "其他"] as const;
export const RESIDENCES = ["户籍人口", "流动人口", "寄住人口", "户在人不在"] as const;
export const VISIT_WAYS = ["入户", "电话", "微信视频", "其他"] as const;
export const APPEAL_SOURCES = ["走访", "网格员巡查", "说事议事", "来电来访", "12345工单", "微信群", "其他"] as const;
export const URGENCIES = ["一般", "紧急", "特急"] as const;
export const APPEAL_STATUSES = ["待研判", "待派单", "已派单", "办理中", "已办结", "已归档"] as const;
export const SATISFACTIONS = ["满意", "基本满意", "不满意"] as const;
export const DISPUTE_STATUSES = ["待调解", "调解中", "调解成功", "调解不成"] as const;
export const RISKS = ["一般", "较大", "重大"] as const;
export const SERVING_ORG_KINDS = ["党委", "党总支", "党支部"] as const;
export const PARTY_ORG_KINDS = ["党工委", "党委", "党总支", "党支部", "党小组"] as const;

/** The kinds a unit of each kind may hang under (none: a root). */
export const ORG_PARENTS: Record<OrgKind, OrgKind[]> = {
  "街道": [],
  "社区/村": ["街道"],
  "网格": ["社区/村"],
  "楼栋/小区": ["网格"],
  "党工委": [],
  "党委": ["党工委"],
  "党总支": ["党工委", "党委"],
  "党支部": ["党工委", "党委", "党总支"],
  "党小组": ["党支部"],
};

// ── 4. Field labels ──

/** The Chinese label of every party-member field. */
export const PARTY_MEMBER_LABELS = {
  name: "姓名",
  sex: "性别",
  nation: "民族",
  birth_date: "出生日期",
  id_number: "公民身份号码",
  native_place: "籍贯",
  education: "学历",
  category: "人员类别",
  applied_on: "递交申请书日期",
  activist_on: "确定积极分子日期",
  candidate_on: "确定发展对象日期",
  joined_on: "入党日期",
  confirmed_on: "转正日期",
  branch_id: "所在党支部",
  group_id: "党小组",
  grid_id: "所在网格",
  work_unit: "工作单位及职务",
  phone: "联系电话",
  address: "家庭住址",
  status: "党籍状态",
  outflow_place: "外出流向",
  dues_paid_to: "党费交至年月",
  is_center_household: "党员中心户",
  note: "备注",
  age: "年龄",
  party_age: "党龄",
} as const;

/** The Chinese label of every talent field, as its sheets and card say it. */
export const TALENT_LABELS = {
  name: "姓名",
  sex: "性别",
  id_number: "公民身份号码",
  phone: "联系电话",
  community_id: "社区（村）",
  categories: "人才类别",
  reserve_cadre: "是否后备干部",
  education: "学历",
  major: "专业",
  skills: "特长技能",
  work_place: "现工作单位或务工地",
  political: "政治面貌",
  honours: "荣誉",
  note: "备注",
} as const;

/** The Chinese label of every meeting and topic field, as the minutes say it. */
export const MEETING_LABELS = {
  "kind": "会议类型",
  "title": "会议名称",
  "org_id": "召开单位",
  "branch": "党支部",
  "held_at": "时间",
  "place": "地点",
  "host": "主持人",
  "recorder": "记录人",
  "attendees": "参会人员",
  "observers": "列席人员",
  "topics": "会议内容",
  "topic": "议题",
  "source": "议题来源",
  "proposer": "提出人",
  "discussion": "发言要点",
  "votes": "表决结果",
  "resolution": "决议",
  "tasks": "后续任务",
  "task_content": "任务内容",
  "task_owner": "责任人",
  "task_due_on": "时限",
  "task_status": "进度"
} as const;

/** The Chinese label of every volunteer field, as its sheets and card say it. */
export const VOLUNTEER_LABELS = {
  name: "姓名",
  id_number: "公民身份号码",
  phone: "联系电话",
  address: "住址",
  volunteer_no: "志愿者编号",
  team: "服务队",
  registered_on: "注册日期",
} as const;

/** The Chinese label of every service record field, as its sheets and card say it. */
export const SERVICE_LABELS = {
  name: "姓名",
  id_number: "公民身份号码",
  phone: "联系电话",
  volunteer_no: "志愿者编号",
  served_on: "服务日期",
  activity: "服务内容",
  hours: "服务时长",
  rule: "积分项目",
  certified_by: "证明人",
} as const;

/** The Chinese label of a person's own fields, as the person's file says them. */
export const PERSON_LABELS = {
  "name": "姓名",
  "sex": "性别",
  "id_number": "公民身份号码",
  "birth_date": "出生日期",
  "nation": "民族",
  "education": "学历",
  "phone": "联系电话",
  "address": "住址",
  "grid": "所属网格"
} as const;

/** The Chinese label of every house field, as its sheets and card say it. */
export const HOUSE_LABELS = {
  town: "乡镇（街道）",
  community_id: "社区（村）",
  address: "房屋地址",
  owner: "产权人",
  owner_id_number: "身份证号",
  phone: "联系电话",
  structure: "结构类型",
  storeys: "层数",
  built: "建成年代",
  use_kind: "用途",
  business: "是否经营性自建房",
  conclusion: "排查结论",
  findings: "隐患描述",
  measure: "整治措施",
  deadline: "整治时限",
  progress: "完成情况",
  grid_id: "网格",
  floor_area: "建筑面积（平方米）",
  appraised: "是否鉴定",
  appraisal: "鉴定等级",
  appraised_on: "鉴定日期",
  appraiser: "鉴定机构",
  inspected_on: "排查日期",
  inspectors: "排查人员",
  responsible: "整治责任人",
  note: "备注",
} as const;

/** The Chinese label of every grid worker field, as its sheets and card say it. */
export const GRID_WORKER_LABELS = {
  name: "姓名",
  id_number: "公民身份号码",
  phone: "联系电话",
  community: "社区（村）",
  unit_id: "所在网格",
  role: "职务",
  area: "负责区域",
  note: "备注",
} as const;

/** The Chinese label of every household field, as its sheets and card say it. */
export const HOUSEHOLD_LABELS = {
  community_id: "社区（村）",
  grid_id: "所属网格",
  estate: "小区（村组）",
  building: "楼栋",
  unit: "单元",
  room: "门牌（室）",
  name: "姓名",
  id_number: "公民身份号码",
  phone: "联系电话",
  relation: "与户主关系",
  residence: "人员类型",
  care: "关爱类别",
  note: "备注",
} as const;

/** The Chinese label of every visit field, as its sheets and card say it. */
export const VISIT_LABELS = {
  household_id: "走访对象",
  worker_id: "走访人",
  visited_on: "走访日期",
  way: "走访方式",
  found: "走访情况",
  need: "群众诉求",
} as const;

/** The Chinese label of every 诉求 field, as its sheets and card say it. */
export const APPEAL_LABELS = {
  number: "诉求编号",
  source: "诉求来源",
  received_on: "收集日期",
  community_id: "社区（村）",
  grid_id: "所属网格",
  address: "诉求地址",
  reporter: "诉求人",
  phone: "联系电话",
  content: "诉求内容",
  category: "诉求类别",
  urgency: "紧急程度",
  status: "办理状态",
  handler: "承办单位",
  deadline: "办理时限",
  result: "办理结果",
  satisfaction: "满意度",
} as const;

/** The Chinese label of every 矛盾纠纷 field, as its sheets and card say it. */
export const DISPUTE_LABELS = {
  found_on: "排查日期",
  source: "纠纷来源",
  risk: "风险等级",
  community_id: "社区（村）",
  grid_id: "所属网格",
  kind: "纠纷类型",
  mediator: "调解员",
  party_a: "当事人（甲方）",
  party_a_id: "甲方身份证号",
  party_a_phone: "甲方联系电话",
  party_a_address: "甲方住址",
  party_b: "当事人（乙方）",
  party_b_id: "乙方身份证号",
  party_b_phone: "乙方联系电话",
  party_b_address: "乙方住址",
  summary: "纠纷简要情况",
} as const;

/** Each register's field labels by its name in the audit trail, for a change's fields. */
export const AUDIT_LABELS: Record<string, Record<string, string>> = {
  "党员": PARTY_MEMBER_LABELS,
  "人才": TALENT_LABELS,
  "房屋": HOUSE_LABELS,
  "会议": MEETING_LABELS,
  "积分账户": VOLUNTEER_LABELS,
  "网格员": GRID_WORKER_LABELS,
  "住户": HOUSEHOLD_LABELS,
  "走访": VISIT_LABELS,
  "诉求": APPEAL_LABELS,
  "矛盾纠纷": DISPUTE_LABELS,
};

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

/** Every talent field, for its form and list (declared in Rust with its sheets' headers). */
export const TALENT_FIELDS: readonly FieldView[] = [
  { key: "name", label: "姓名", kind: "name", choices: null, required: true, width: "half", listed: false, hint: "" },
  { key: "sex", label: "性别", kind: "text", choices: null, required: false, width: "half", listed: false, hint: "" },
  { key: "id_number", label: "公民身份号码", kind: "id_number", choices: null, required: true, width: "half", listed: false, hint: "" },
  { key: "phone", label: "联系电话", kind: "phone", choices: null, required: false, width: "half", listed: true, hint: "" },
  { key: "community_id", label: "社区（村）", kind: "org", choices: "社区/村", required: false, width: "half", listed: false, hint: "" },
  { key: "categories", label: "人才类别", kind: "dict_list", choices: "人才类别", required: false, width: "full", listed: false, hint: "" },
  { key: "reserve_cadre", label: "是否后备干部", kind: "bool", choices: null, required: false, width: "half", listed: false, hint: "" },
  { key: "education", label: "学历", kind: "dict", choices: "学历", required: false, width: "half", listed: true, hint: "" },
  { key: "major", label: "专业", kind: "text", choices: null, required: false, width: "half", listed: false, hint: "" },
  { key: "skills", label: "特长技能", kind: "text", choices: null, required: false, width: "full", listed: false, hint: "输入后回车添加，如：电商、果树修剪" },
  { key: "work_place", label: "现工作单位或务工地", kind: "text", choices: null, required: false, width: "full", listed: true, hint: "" },
  { key: "political", label: "政治面貌", kind: "dict", choices: "政治面貌", required: false, width: "half", listed: false, hint: "" },
  { key: "honours", label: "荣誉", kind: "text", choices: null, required: false, width: "long", listed: false, hint: "" },
  { key: "note", label: "备注", kind: "text", choices: null, required: false, width: "long", listed: false, hint: "" },
];

/** Every grid worker field, for its form and list (declared in Rust with its sheets' headers). */
export const GRID_WORKER_FIELDS: readonly FieldView[] = [
  { key: "name", label: "姓名", kind: "name", choices: null, required: true, width: "half", listed: true, hint: "" },
  { key: "id_number", label: "公民身份号码", kind: "id_number", choices: null, required: true, width: "half", listed: false, hint: "" },
  { key: "phone", label: "联系电话", kind: "phone", choices: null, required: false, width: "half", listed: true, hint: "" },
  { key: "unit_id", label: "所在网格", kind: "org", choices: "网格", required: false, width: "half", listed: true, hint: "" },
  { key: "role", label: "职务", kind: "choice", choices: ["网格长", "专职网格员", "兼职网格员", "微网格员"], required: true, width: "half", listed: true, hint: "" },
  { key: "area", label: "负责区域", kind: "text", choices: null, required: false, width: "full", listed: true, hint: "如：幸福小区1—6号楼、东大街北段" },
  { key: "note", label: "备注", kind: "text", choices: null, required: false, width: "long", listed: false, hint: "" },
];

/** Every visit field, for its form and list (declared in Rust with its sheets' headers). */
export const VISIT_FIELDS: readonly FieldView[] = [
  { key: "household_id", label: "走访对象", kind: "text", choices: null, required: true, width: "half", listed: false, hint: "" },
  { key: "worker_id", label: "走访人", kind: "text", choices: null, required: true, width: "half", listed: false, hint: "" },
  { key: "visited_on", label: "走访日期", kind: "date", choices: null, required: true, width: "half", listed: false, hint: "" },
  { key: "way", label: "走访方式", kind: "choice", choices: ["入户", "电话", "微信视频", "其他"], required: true, width: "half", listed: false, hint: "" },
  { key: "found", label: "走访情况", kind: "text", choices: null, required: true, width: "long", listed: false, hint: "" },
  { key: "need", label: "群众诉求", kind: "text", choices: null, required: false, width: "long", listed: false, hint: "" },
];

/** Every 诉求 field, for its form and list (declared in Rust with its sheets' headers). */
export const APPEAL_FIELDS: readonly FieldView[] = [
  { key: "number", label: "诉求编号", kind: "text", choices: null, required: false, width: "half", listed: false, hint: "" },
  { key: "source", label: "诉求来源", kind: "choice", choices: ["走访", "网格员巡查", "说事议事", "来电来访", "12345工单", "微信群", "其他"], required: true, width: "half", listed: false, hint: "" },
  { key: "received_on", label: "收集日期", kind: "date", choices: null, required: true, width: "half", listed: false, hint: "" },
  { key: "community_id", label: "社区（村）", kind: "org", choices: "社区/村", required: false, width: "half", listed: false, hint: "" },
  { key: "grid_id", label: "所属网格", kind: "org", choices: "网格", required: false, width: "half", listed: false, hint: "" },
  { key: "address", label: "诉求地址", kind: "text", choices: null, required: false, width: "full", listed: false, hint: "" },
  { key: "reporter", label: "诉求人", kind: "name", choices: null, required: false, width: "half", listed: false, hint: "" },
  { key: "phone", label: "联系电话", kind: "phone", choices: null, required: false, width: "half", listed: false, hint: "" },
  { key: "content", label: "诉求内容", kind: "text", choices: null, required: true, width: "long", listed: false, hint: "" },
  { key: "category", label: "诉求类别", kind: "dict", choices: "诉求类别", required: false, width: "half", listed: false, hint: "" },
  { key: "urgency", label: "紧急程度", kind: "choice", choices: ["一般", "紧急", "特急"], required: false, width: "half", listed: false, hint: "" },
];

/** Every dispute field, for its form and list (declared in Rust with its sheets' headers). */
export const DISPUTE_FIELDS: readonly FieldView[] = [
  { key: "found_on", label: "排查日期", kind: "date", choices: null, required: true, width: "third", listed: true, hint: "" },
  { key: "source", label: "纠纷来源", kind: "choice", choices: ["排查发现", "群众反映", "网格员上报", "诉求转入", "上级交办"], required: true, width: "third", listed: false, hint: "" },
  { key: "risk", label: "风险等级", kind: "choice", choices: ["一般", "较大", "重大"], required: true, width: "third", listed: true, hint: "" },
  { key: "community_id", label: "社区（村）", kind: "org", choices: "社区/村", required: true, width: "half", listed: false, hint: "" },
  { key: "grid_id", label: "所属网格", kind: "org", choices: "网格", required: false, width: "half", listed: false, hint: "" },
  { key: "kind", label: "纠纷类型", kind: "dict", choices: "纠纷类型", required: true, width: "half", listed: true, hint: "" },
  { key: "mediator", label: "调解员", kind: "text", choices: null, required: false, width: "half", listed: true, hint: "" },
  { key: "party_a", label: "当事人（甲方）", kind: "text", choices: null, required: true, width: "half", listed: true, hint: "" },
  { key: "party_a_id", label: "甲方身份证号", kind: "id_number", choices: null, required: false, width: "half", listed: false, hint: "" },
  { key: "party_a_phone", label: "甲方联系电话", kind: "phone", choices: null, required: false, width: "half", listed: false, hint: "" },
  { key: "party_a_address", label: "甲方住址", kind: "address", choices: null, required: false, width: "half", listed: false, hint: "" },
  { key: "party_b", label: "当事人（乙方）", kind: "text", choices: null, required: true, width: "half", listed: true, hint: "" },
  { key: "party_b_id", label: "乙方身份证号", kind: "id_number", choices: null, required: false, width: "half", listed: false, hint: "" },
  { key: "party_b_phone", label: "乙方联系电话", kind: "phone", choices: null, required: false, width: "half", listed: false, hint: "" },
  { key: "party_b_address", label: "乙方住址", kind: "address", choices: null, required: false, width: "half", listed: false, hint: "" },
  { key: "summary", label: "纠纷简要情况", kind: "text", choices: null, required: true, width: "long", listed: false, hint: "" },
];

/** Every 网格工作月报 (the listed ones are its columns) field, for its form and list (declared in Rust with its sheets' headers). */
export const GRID_MONTH_FIELDS: readonly FieldView[] = [
  { key: "unit", label: "社区（村）/网格", kind: "text", choices: null, required: true, width: "half", listed: true, hint: "" },
  { key: "households", label: "住户", kind: "number", choices: null, required: false, width: "half", listed: true, hint: "" },
  { key: "cared", label: "关爱户", kind: "number", choices: null, required: false, width: "half", listed: true, hint: "" },
  { key: "visits", label: "走访次数", kind: "number", choices: null, required: false, width: "half", listed: true, hint: "" },
  { key: "visited", label: "走访户数", kind: "number", choices: null, required: false, width: "half", listed: true, hint: "" },
  { key: "received", label: "诉求受理", kind: "number", choices: null, required: false, width: "half", listed: true, hint: "" },
  { key: "finished", label: "诉求办结", kind: "number", choices: null, required: false, width: "half", listed: true, hint: "" },
  { key: "finish_rate", label: "办结率", kind: "text", choices: null, required: false, width: "half", listed: true, hint: "" },
  { key: "on_time", label: "按期办结", kind: "number", choices: null, required: false, width: "half", listed: true, hint: "" },
  { key: "on_time_rate", label: "按期办结率", kind: "text", choices: null, required: false, width: "half", listed: true, hint: "" },
  { key: "overdue", label: "超时限", kind: "number", choices: null, required: false, width: "half", listed: true, hint: "" },
  { key: "called_back", label: "回访", kind: "number", choices: null, required: false, width: "half", listed: true, hint: "" },
  { key: "satisfied", label: "满意", kind: "number", choices: null, required: false, width: "half", listed: true, hint: "" },
  { key: "satisfaction", label: "满意率", kind: "text", choices: null, required: false, width: "half", listed: true, hint: "" },
  { key: "disputes_found", label: "纠纷排查", kind: "number", choices: null, required: false, width: "half", listed: true, hint: "" },
  { key: "disputes_settled", label: "纠纷化解", kind: "number", choices: null, required: false, width: "half", listed: true, hint: "" },
  { key: "settle_rate", label: "调解成功率", kind: "text", choices: null, required: false, width: "half", listed: true, hint: "" },
];
