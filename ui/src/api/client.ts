// Generated from the command table (`crates/app/src/command`) by
// `UPDATE_BINDINGS=1 cargo test -p taizhang-app --test bindings`. Do not edit by hand.

import { call } from './call'
import type { AccountInput, AccountRow, AgreementInput, AppealDetail, AppealInput, AppealLinks, AppealPage, AppealQuery, AppealStatus, AppealStep, ArchiveExported, ArchiveImport, AttendancePoints, Attendee, AuditEntry, AuditQuery, BackupFile, BackupPreview, BackupSettings, Bytes, CareTag, Changes, Choice, Compliance, Connection, ContactInput, Dashboard, Dict, DisputeDetail, DisputeInput, DisputePage, DisputeQuery, EncryptionStatus, EntryRow, Exported, FieldChoice, FontSetting, GoodsRow, GridMonth, GridWorkerDetail, GridWorkerInput, GridWorkerQuery, GridWorkerRow, Home, HouseDashboard, HouseDetail, HouseInput, HousePage, HouseQuery, HouseholdDetail, HouseholdInput, HouseholdLine, HouseholdQuery, ImportBatch, ImportOptions, ImportOutcome, InspectionInput, MediationInput, MeetingDetail, MeetingInput, MeetingQuery, MeetingRow, MergePreview, Merged, Mode, OrgInput, OrgNode, Page, PairedHouseholdInput, PartyMemberDetail, PartyMemberInput, PartyMemberQuery, PartyMemberRow, PendingRow, PersonFile, PointsSheet, PrintRequest, Printed, Quorum, Receipt, Recorded, RectStatus, RectificationInput, RecycledItem, ReportInput, Role, Rule, RuleInput, SaveAs, SearchGroup, SensitiveField, ServiceInput, Session, SetupInput, SetupStatus, Sharing, Start, StatusChange, TalentDetail, TalentInput, TalentQuery, TalentRow, TaskRow, TaskStatus, Tick, TodoItem, Travel, TreeImport, Upload, UserRow, VisitInput, VisitRow, WishRow, WorkerDue } from './bindings'

export const api = {
  setup: {
    /** Whether the office is set up, and whether the database is open. */
    status: () => call<SetupStatus>('setup_status', {}),
    initialize: (input: SetupInput) => call<null>('setup_initialize', { input }),
    /** Fills an empty office with the demo data; returns how many records. */
    loadDemo: () => call<number>('setup_load_demo', {}),
    /** Opens an encrypted database with its password (and shares it again when the 共享 switch was left on). */
    unlock: (password: string) => call<null>('setup_unlock', { password }),
  },
  session: {
    /** What the window or browser needs before its first page, in one answer: set-up state, whether to log in and who is, the organisation, the forms' dictionaries and the commands refused to this seat. */
    start: () => call<Start>('session_start', {}),
    login: (name: string, password: string) => call<Session>('session_login', { name, password }),
    /** The lock button, or the window's idle timer. */
    lock: () => call<null>('session_lock', {}),
  },
  encryption: {
    status: () => call<EncryptionStatus>('encryption_status', {}),
    /** `password` null takes the encryption off; `current` is the password now in use. */
    setPassword: (current: string, password: string | null = null) => call<null>('encryption_set_password', { current, password }),
  },
  org: {
    tree: () => call<Array<OrgNode>>('org_tree', {}),
    add: (input: OrgInput) => call<number>('org_add', { input }),
    rename: (id: number, name: string) => call<null>('org_rename', { id, name }),
    moveTo: (id: number, parentId: number) => call<null>('org_move_to', { id, parentId }),
    /** Which 社区/村 a party organisation serves (null: none); its members are that community's (数据权限). */
    setServes: (id: number, communityId: number | null = null) => call<null>('org_set_serves', { id, communityId }),
    merge: (from: number, into: number) => call<Merged>('org_merge', { from, into }),
    remove: (id: number) => call<null>('org_remove', { id }),
    /** The 组织架构 list higher levels send; `dry_run` checks without writing. */
    importSheet: (path: Upload, dryRun: boolean) => call<TreeImport>('org_import_sheet', { path, dryRun }),
  },
  dict: {
    values: (dict: Dict) => call<Array<string>>('dict_values', { dict }),
    add: (dict: Dict, value: string) => call<null>('dict_add', { dict, value }),
  },
  partyMembers: {
    list: (query: PartyMemberQuery) => call<Page<PartyMemberRow>>('party_members_list', { query }),
    get: (id: number) => call<PartyMemberDetail>('party_members_get', { id }),
    /** One full value, for a reason the audit trail keeps. */
    reveal: (id: number, field: SensitiveField, reason: string) => call<string>('party_members_reveal', { id, field, reason }),
    create: (input: PartyMemberInput) => call<number>('party_members_create', { input }),
    /** `version`: the detail's, from which the form was filled (a save over a newer change is refused, naming who made it). */
    update: (id: number, input: PartyMemberInput, version: number | null = null) => call<null>('party_members_update', { id, input, version }),
    /** To the recycle bin; returns how many. */
    remove: (ids: Array<number>) => call<number>('party_members_remove', { ids }),
    addReport: (memberId: number, input: ReportInput) => call<number>('party_members_add_report', { memberId, input }),
    addHousehold: (memberId: number, input: PairedHouseholdInput) => call<number>('party_members_add_household', { memberId, input }),
    addContact: (memberId: number, input: ContactInput) => call<number>('party_members_add_contact', { memberId, input }),
    removeReport: (id: number) => call<null>('party_members_remove_report', { id }),
    removeHousehold: (id: number) => call<null>('party_members_remove_household', { id }),
    /** The members the list's query finds, as an .xlsx with IDs and phones masked: in our layout, or filled into `template` (a higher level's form). */
    exportXlsx: (query: PartyMemberQuery, path: SaveAs, template: Upload | null = null) => call<Exported>('party_members_export_xlsx', { query, path, template }),
  },
  recycleBin: {
    list: (page: number, pageSize: number) => call<Page<RecycledItem>>('recycle_bin_list', { page, pageSize }),
    restore: (entity: string, entityId: number) => call<null>('recycle_bin_restore', { entity, entityId }),
  },
  audit: {
    list: (query: AuditQuery) => call<Page<AuditEntry>>('audit_list', { query }),
    /** What others changed since `after` (0: only the newest entry, to start from). */
    since: (after: number) => call<Changes>('audit_since', { after }),
  },
  imports: {
    fields: (register: string) => call<Array<FieldChoice>>('imports_fields', { register }),
    preview: (register: string, path: Upload, options: ImportOptions, onTick: (t: Tick) => void) => call<ImportOutcome>('imports_preview', { register, path, options }, onTick),
    apply: (register: string, path: Upload, options: ImportOptions, choice: Choice, expectedHash: string, onTick: (t: Tick) => void) => call<ImportOutcome>('imports_apply', { register, path, options, choice, expectedHash }, onTick),
    /** Asks the running preview or import to stop; it stops within a few hundred rows. */
    cancel: () => call<null>('imports_cancel', {}),
    /** Writes the error report to `to`, or beside the file (as `名称-错误原因.xlsx`); returns where. */
    writeErrors: (register: string, path: Upload, options: ImportOptions, to: SaveAs | null = null) => call<string>('imports_write_errors', { register, path, options, to }),
    /** A page of the import history, newest first. */
    batches: (page: number, pageSize: number) => call<Page<ImportBatch>>('imports_batches', { page, pageSize }),
    /** Takes an import's records back out; returns how many. */
    undo: (batchId: number) => call<number>('imports_undo', { batchId }),
  },
  exports: {
    /** The register's import template; returns how many columns. */
    template: (register: string, path: SaveAs) => call<number>('exports_template', { register, path }),
    /** A whole register to .xlsx (IDs, phones and home addresses masked), into a higher level's template when given. */
    register: (register: string, path: SaveAs, template: Upload | null = null) => call<Exported>('exports_register', { register, path, template }),
  },
  home: {
    summary: () => call<Home>('home_summary', {}),
    todo: () => call<Array<TodoItem>>('home_todo', {}),
    /** Every register at once: by name, pinyin initials, ID or phone digits. */
    search: (text: string) => call<Array<SearchGroup>>('home_search', { text }),
  },
  persons: {
    file: (id: number) => call<PersonFile>('persons_file', { id }),
    reveal: (id: number, field: SensitiveField, reason: string) => call<string>('persons_reveal', { id, field, reason }),
    mergePreview: (keep: number, other: number) => call<MergePreview>('persons_merge_preview', { keep, other }),
    merge: (keep: number, other: number) => call<null>('persons_merge', { keep, other }),
  },
  talents: {
    list: (query: TalentQuery, page: number, pageSize: number) => call<Page<TalentRow>>('talents_list', { query, page, pageSize }),
    get: (id: number) => call<TalentDetail>('talents_get', { id }),
    /** Each skill the register names, with how many talents have it. */
    skills: () => call<Array<[string, number]>>('talents_skills', {}),
    /** Adds (`id` null) or updates a talent; returns its id. `version`: the detail's, from which the form was filled. */
    save: (id: number | null, input: TalentInput, version: number | null = null) => call<number>('talents_save', { id, input, version }),
    remove: (id: number) => call<null>('talents_remove', { id }),
  },
  users: {
    list: () => call<Array<UserRow>>('users_list', {}),
    /** `unit_id`: the 社区/村 whose part alone the user keeps; null for the 街道. */
    add: (name: string, role: Role, password: string, unitId: number | null = null) => call<number>('users_add', { name, role, password, unitId }),
    setPassword: (id: number, password: string) => call<null>('users_set_password', { id, password }),
    remove: (id: number) => call<null>('users_remove', { id }),
  },
  share: {
    /** Where this PC shares the office's database, while it does. */
    status: () => call<Sharing | null>('share_status', {}),
    /** Starts sharing with the office network (管理员); returns the address and fingerprint. */
    start: () => call<Sharing>('share_start', {}),
    stop: () => call<null>('share_stop', {}),
    /** The other PC's host this window uses instead of its own database, if any. */
    connection: () => call<Connection | null>('share_connection', {}),
    /** Uses another PC's host from now on, once it has answered with the certificate `fingerprint` names. */
    connect: (address: string, fingerprint: string) => call<Connection>('share_connect', { address, fingerprint }),
    /** Back to this PC's own database. */
    disconnect: () => call<null>('share_disconnect', {}),
  },
  access: {
    /** Who saw which full value, as an .xlsx; returns how many entries. */
    exportXlsx: (path: SaveAs) => call<number>('access_export_xlsx', { path }),
  },
  archives: {
    /** `travel` null: plain from a plain database; an encrypted one's archive must be sealed or said plain. */
    export: (path: SaveAs, registers: Array<string>, travel: Travel | null = null, onTick: (t: Tick) => void) => call<ArchiveExported>('archives_export', { path, registers, travel }, onTick),
    import: (path: Upload, mode: Mode, dryRun: boolean, password: string | null = null, onTick: (t: Tick) => void) => call<ArchiveImport>('archives_import', { path, mode, dryRun, password }, onTick),
  },
  backups: {
    settings: () => call<BackupSettings>('backups_settings', {}),
    setFolder: (folder: string) => call<null>('backups_set_folder', { folder }),
    setPassword: (password: string | null = null) => call<null>('backups_set_password', { password }),
    /** A backup now; null when nothing changed since the last. */
    take: () => call<BackupFile | null>('backups_take', {}),
    list: () => call<Array<BackupFile>>('backups_list', {}),
    preview: (path: Upload, password: string | null = null) => call<BackupPreview>('backups_preview', { path, password }),
    /** `confirmed`: the clerk has read the preview's caution (another office, far fewer records). */
    restore: (path: Upload, password: string | null, confirmed: boolean) => call<BackupPreview>('backups_restore', { path, password, confirmed }),
  },
  houses: {
    /** A page of the register, with its overdue and 待补录 counts. */
    list: (query: HouseQuery, page: number, pageSize: number) => call<HousePage>('houses_list', { query, page, pageSize }),
    get: (id: number) => call<HouseDetail>('houses_get', { id }),
    reveal: (id: number, field: SensitiveField, reason: string) => call<string>('houses_reveal', { id, field, reason }),
    /** Adds (`id` null) or updates a house; `version`: the detail's, from which the form was filled. */
    save: (id: number | null, input: HouseInput, version: number | null = null) => call<number>('houses_save', { id, input, version }),
    remove: (id: number) => call<null>('houses_remove', { id }),
    inspect: (houseId: number, inspection: InspectionInput, rectifications: Array<RectificationInput>) => call<number>('houses_inspect', { houseId, inspection, rectifications }),
    moveRectification: (id: number, to: RectStatus, change: StatusChange) => call<null>('houses_move_rectification', { id, to, change }),
    evacuate: (houseId: number, name: string, movedTo: string, movedOn: string, note: string) => call<number>('houses_evacuate', { houseId, name, movedTo, movedOn, note }),
    dashboard: () => call<HouseDashboard>('houses_dashboard', {}),
    attach: (houseId: number, path: Upload, note: string) => call<number>('houses_attach', { houseId, path, note }),
    /** The attachment's bytes, to show a photo or open a scan. */
    attachment: (id: number) => call<Bytes>('houses_attachment', { id }),
    saveAttachment: (id: number, path: SaveAs) => call<null>('houses_save_attachment', { id, path }),
    removeAttachment: (id: number) => call<null>('houses_remove_attachment', { id }),
  },
  gridWorkers: {
    list: (query: GridWorkerQuery) => call<Array<GridWorkerRow>>('grid_workers_list', { query }),
    get: (id: number) => call<GridWorkerDetail>('grid_workers_get', { id }),
    /** Adds (`id` null) or updates a grid worker; `version`: the detail's, from which the form was filled. */
    save: (id: number | null, input: GridWorkerInput, version: number | null = null) => call<number>('grid_workers_save', { id, input, version }),
    remove: (id: number) => call<null>('grid_workers_remove', { id }),
  },
  grid: {
    /** 网格工作月报: a month's ("2026-11") figures per community and grid. */
    month: (month: string) => call<GridMonth>('grid_month', { month }),
    exportMonth: (month: string, path: SaveAs) => call<number>('grid_export_month', { month, path }),
    /** The month's figures filled into the higher level's own monthly form. */
    fillMonth: (month: string, template: Upload, path: SaveAs) => call<Exported>('grid_fill_month', { month, template, path }),
  },
  households: {
    /** A page of households, each with when its next visit is due. */
    list: (query: HouseholdQuery, page: number, pageSize: number) => call<Page<HouseholdLine>>('households_list', { query, page, pageSize }),
    get: (id: number) => call<HouseholdDetail>('households_get', { id }),
    /** Adds (`id` null) or updates a household with its members; `version`: the detail's. */
    save: (id: number | null, input: HouseholdInput, version: number | null = null) => call<number>('households_save', { id, input, version }),
    remove: (id: number) => call<null>('households_remove', { id }),
    /** Every care tag with the days between the visits it asks for. */
    careTags: () => call<Array<CareTag>>('households_care_tags', {}),
    /** Sets how often a care tag is visited (null: kept as a tag, no visits due). */
    setVisitDays: (tag: string, days: number | null = null) => call<null>('households_set_visit_days', { tag, days }),
  },
  visits: {
    ofHousehold: (householdId: number) => call<Array<VisitRow>>('visits_of_household', { householdId }),
    /** The visits made from `from` to `to` (inclusive days). */
    between: (from: string, to: string) => call<Array<VisitRow>>('visits_between', { from, to }),
    record: (input: VisitInput) => call<number>('visits_record', { input }),
    remove: (id: number) => call<null>('visits_remove', { id }),
    /** Per grid worker, how many households they serve are due a visit today. */
    dueByWorker: () => call<Array<WorkerDue>>('visits_due_by_worker', {}),
  },
  appeals: {
    /** A page of 诉求, with the open and overdue counts. */
    list: (query: AppealQuery, page: number, pageSize: number) => call<AppealPage>('appeals_list', { query, page, pageSize }),
    get: (id: number) => call<AppealDetail>('appeals_get', { id }),
    record: (input: AppealInput) => call<number>('appeals_record', { input }),
    /** Corrects what was taken in; `version`: the detail's. */
    update: (id: number, input: AppealInput, version: number | null = null) => call<null>('appeals_update', { id, input, version }),
    /** One step of the loop: 研判, 派单, a progress note, 办结, or back with a reason. */
    step: (id: number, to: AppealStatus, step: AppealStep) => call<null>('appeals_step', { id, to, step }),
    /** A 回访; returns where it left the 诉求 (已归档, or 办理中 when not satisfied). */
    callBack: (id: number, step: AppealStep) => call<AppealStatus>('appeals_call_back', { id, step }),
    /** Raises a 诉求 from what a household asked for on a visit; its id. */
    fromVisit: (visitId: number) => call<number>('appeals_from_visit', { visitId }),
    /** Links a 诉求 to the house it concerns and the 说事议事 task that takes it up (none to unlink). */
    link: (id: number, links: AppealLinks) => call<null>('appeals_link', { id, links }),
    /** Keeps a photo or scan (JPG, PNG, PDF) with a 诉求; its id. */
    attach: (appealId: number, path: Upload, note: string) => call<number>('appeals_attach', { appealId, path, note }),
    /** The attachment's bytes, to show a photo or open a scan. */
    attachment: (id: number) => call<Bytes>('appeals_attachment', { id }),
    saveAttachment: (id: number, path: SaveAs) => call<null>('appeals_save_attachment', { id, path }),
    removeAttachment: (id: number) => call<null>('appeals_remove_attachment', { id }),
    remove: (id: number) => call<null>('appeals_remove', { id }),
  },
  disputes: {
    /** A page of disputes, with the open and 重大 counts. */
    list: (query: DisputeQuery, page: number, pageSize: number) => call<DisputePage>('disputes_list', { query, page, pageSize }),
    get: (id: number) => call<DisputeDetail>('disputes_get', { id }),
    /** Registers (`id` null) or corrects a dispute; `version`: the detail's. */
    save: (id: number | null, input: DisputeInput, version: number | null = null) => call<number>('disputes_save', { id, input, version }),
    /** Records a 调解 session; its id. */
    mediate: (id: number, session: MediationInput) => call<number>('disputes_mediate', { id, session }),
    /** 调解成功: what the parties agreed, for the 人民调解协议书. */
    settle: (id: number, agreement: AgreementInput) => call<null>('disputes_settle', { id, agreement }),
    /** 调解不成: why, and where the parties were sent. */
    fail: (id: number, reason: string) => call<null>('disputes_fail', { id, reason }),
    remove: (id: number) => call<null>('disputes_remove', { id }),
  },
  meetings: {
    /** A page of the meetings the query finds, newest first. */
    list: (query: MeetingQuery, page: number, pageSize: number) => call<Page<MeetingRow>>('meetings_list', { query, page, pageSize }),
    get: (id: number) => call<MeetingDetail>('meetings_get', { id }),
    create: (input: MeetingInput) => call<number>('meetings_create', { input }),
    /** `version`: the detail's, from which the form was filled. */
    update: (id: number, input: MeetingInput, version: number | null = null) => call<null>('meetings_update', { id, input, version }),
    remove: (id: number) => call<null>('meetings_remove', { id }),
    /** The branch's members, as the attendance list starts. */
    rosterAttendees: (branchId: number) => call<Array<Attendee>>('meetings_roster_attendees', { branchId }),
    /** 应到 / 实到 of an attendance list, and whether more than half came: the form asks as attendance is ticked. */
    quorum: (attendees: Array<Attendee>) => call<Quorum>('meetings_quorum', { attendees }),
    tasks: (open: boolean) => call<Array<TaskRow>>('meetings_tasks', { open }),
    setTask: (id: number, status: TaskStatus, review: string) => call<null>('meetings_set_task', { id, status, review }),
    compliance: (year: number) => call<Compliance>('meetings_compliance', { year }),
    /** [points per attendance, each member's attendance and points in `year`]. */
    attendancePoints: (year: number) => call<[number, Array<AttendancePoints>]>('meetings_attendance_points', { year }),
    setPoints: (points: number) => call<null>('meetings_set_points', { points }),
  },
  points: {
    /** A page of the accounts whose name, pinyin initials or 志愿者编号 match `search` ('' for all). */
    accounts: (search: string, page: number, pageSize: number) => call<Page<AccountRow>>('points_accounts', { search, page, pageSize }),
    /** A page of an account's ledger, newest first. */
    ledger: (accountId: number, page: number, pageSize: number) => call<Page<EntryRow>>('points_ledger', { accountId, page, pageSize }),
    openAccount: (input: AccountInput) => call<number>('points_open_account', { input }),
    rules: () => call<Array<Rule>>('points_rules', {}),
    setRule: (input: RuleInput) => call<number>('points_set_rule', { input }),
    recordService: (input: ServiceInput) => call<Recorded>('points_record_service', { input }),
    /** A page of the service records waiting for 审核, oldest first. */
    pending: (page: number, pageSize: number) => call<Page<PendingRow>>('points_pending', { page, pageSize }),
    decide: (recordId: number, approve: boolean) => call<null>('points_decide', { recordId, approve }),
    adjust: (accountId: number, points: string, reason: string) => call<number>('points_adjust', { accountId, points, reason }),
    reverse: (entryId: number, reason: string) => call<number>('points_reverse', { entryId, reason }),
    goods: () => call<Array<GoodsRow>>('points_goods', {}),
    addGoods: (name: string, unit: string, price: string, lowStock: number) => call<number>('points_add_goods', { name, unit, price, lowStock }),
    stockIn: (goodsId: number, quantity: number, source: string) => call<number>('points_stock_in', { goodsId, quantity, source }),
    /** The household members an account's points serve: [id, name, relation]. */
    householdMembers: (accountId: number) => call<Array<[number, string, string]>>('points_household_members', { accountId }),
    addHouseholdMember: (accountId: number, name: string, relation: string) => call<number>('points_add_household_member', { accountId, name, relation }),
    removeHouseholdMember: (accountId: number, memberId: number) => call<null>('points_remove_household_member', { accountId, memberId }),
    countStock: (goodsId: number, counted: number, reason: string) => call<number>('points_count_stock', { goodsId, counted, reason }),
    /** `basket`: [goods id, quantity] pairs. */
    redeem: (accountId: number, basket: Array<[number, number]>) => call<Receipt>('points_redeem', { accountId, basket }),
    dashboard: (year: number) => call<Dashboard>('points_dashboard', { year }),
    /** Returns [accounts, points expired (tenths)]. */
    expire: (cutoff: string) => call<[number, number]>('points_expire', { cutoff }),
    wishes: () => call<Array<WishRow>>('points_wishes', {}),
    postWish: (resident: string, content: string) => call<number>('points_post_wish', { resident, content }),
    claimWish: (wishId: number, accountId: number) => call<null>('points_claim_wish', { wishId, accountId }),
    fulfilWish: (wishId: number, rule: string) => call<Recorded>('points_fulfil_wish', { wishId, rule }),
    /** A month's sheet as .xlsx; returns how many rows. */
    exportXlsx: (sheet: PointsSheet, month: string, path: SaveAs) => call<number>('points_export_xlsx', { sheet, month, path }),
    /** A volunteer-service certificate PDF; returns where it was saved. */
    issueCertificate: (accountId: number, from: string, to: string, issuer: string) => call<string>('points_issue_certificate', { accountId, from, to, issuer }),
  },
  print: {
    /** The PDF's bytes, for the preview. */
    preview: (request: PrintRequest) => call<Bytes>('print_preview', { request }),
    save: (request: PrintRequest, path: SaveAs) => call<Printed>('print_save', { request, path }),
    /** Hands the PDF to the system's printing; returns where it was saved. */
    system: (request: PrintRequest) => call<string>('print_system', { request }),
    /** Hands a PDF the page already shows to this PC's printing: the window connected to another PC's host prints its preview here. Returns where it was saved. */
    pdfToSystem: (title: string, pdf: Array<number>) => call<string>('print_pdf_to_system', { title, pdf }),
    fonts: () => call<Array<FontSetting>>('print_fonts', {}),
    setFont: (key: string, path: string) => call<null>('print_set_font', { key, path }),
  },
}

/** Every command's name (what `session.start` lists as `refused`). */
export type CommandName =
  | 'setup_status'
  | 'setup_initialize'
  | 'setup_load_demo'
  | 'setup_unlock'
  | 'session_start'
  | 'session_login'
  | 'session_lock'
  | 'encryption_status'
  | 'encryption_set_password'
  | 'org_tree'
  | 'org_add'
  | 'org_rename'
  | 'org_move_to'
  | 'org_set_serves'
  | 'org_merge'
  | 'org_remove'
  | 'org_import_sheet'
  | 'dict_values'
  | 'dict_add'
  | 'party_members_list'
  | 'party_members_get'
  | 'party_members_reveal'
  | 'party_members_create'
  | 'party_members_update'
  | 'party_members_remove'
  | 'party_members_add_report'
  | 'party_members_add_household'
  | 'party_members_add_contact'
  | 'party_members_remove_report'
  | 'party_members_remove_household'
  | 'party_members_export_xlsx'
  | 'recycle_bin_list'
  | 'recycle_bin_restore'
  | 'audit_list'
  | 'audit_since'
  | 'imports_fields'
  | 'imports_preview'
  | 'imports_apply'
  | 'imports_cancel'
  | 'imports_write_errors'
  | 'imports_batches'
  | 'imports_undo'
  | 'exports_template'
  | 'exports_register'
  | 'home_summary'
  | 'home_todo'
  | 'home_search'
  | 'persons_file'
  | 'persons_reveal'
  | 'persons_merge_preview'
  | 'persons_merge'
  | 'talents_list'
  | 'talents_get'
  | 'talents_skills'
  | 'talents_save'
  | 'talents_remove'
  | 'users_list'
  | 'users_add'
  | 'users_set_password'
  | 'users_remove'
  | 'share_status'
  | 'share_start'
  | 'share_stop'
  | 'share_connection'
  | 'share_connect'
  | 'share_disconnect'
  | 'access_export_xlsx'
  | 'archives_export'
  | 'archives_import'
  | 'backups_settings'
  | 'backups_set_folder'
  | 'backups_set_password'
  | 'backups_take'
  | 'backups_list'
  | 'backups_preview'
  | 'backups_restore'
  | 'houses_list'
  | 'houses_get'
  | 'houses_reveal'
  | 'houses_save'
  | 'houses_remove'
  | 'houses_inspect'
  | 'houses_move_rectification'
  | 'houses_evacuate'
  | 'houses_dashboard'
  | 'houses_attach'
  | 'houses_attachment'
  | 'houses_save_attachment'
  | 'houses_remove_attachment'
  | 'grid_workers_list'
  | 'grid_workers_get'
  | 'grid_workers_save'
  | 'grid_workers_remove'
  | 'grid_month'
  | 'grid_export_month'
  | 'grid_fill_month'
  | 'households_list'
  | 'households_get'
  | 'households_save'
  | 'households_remove'
  | 'households_care_tags'
  | 'households_set_visit_days'
  | 'visits_of_household'
  | 'visits_between'
  | 'visits_record'
  | 'visits_remove'
  | 'visits_due_by_worker'
  | 'appeals_list'
  | 'appeals_get'
  | 'appeals_record'
  | 'appeals_update'
  | 'appeals_step'
  | 'appeals_call_back'
  | 'appeals_from_visit'
  | 'appeals_link'
  | 'appeals_attach'
  | 'appeals_attachment'
  | 'appeals_save_attachment'
  | 'appeals_remove_attachment'
  | 'appeals_remove'
  | 'disputes_list'
  | 'disputes_get'
  | 'disputes_save'
  | 'disputes_mediate'
  | 'disputes_settle'
  | 'disputes_fail'
  | 'disputes_remove'
  | 'meetings_list'
  | 'meetings_get'
  | 'meetings_create'
  | 'meetings_update'
  | 'meetings_remove'
  | 'meetings_roster_attendees'
  | 'meetings_quorum'
  | 'meetings_tasks'
  | 'meetings_set_task'
  | 'meetings_compliance'
  | 'meetings_attendance_points'
  | 'meetings_set_points'
  | 'points_accounts'
  | 'points_ledger'
  | 'points_open_account'
  | 'points_rules'
  | 'points_set_rule'
  | 'points_record_service'
  | 'points_pending'
  | 'points_decide'
  | 'points_adjust'
  | 'points_reverse'
  | 'points_goods'
  | 'points_add_goods'
  | 'points_stock_in'
  | 'points_household_members'
  | 'points_add_household_member'
  | 'points_remove_household_member'
  | 'points_count_stock'
  | 'points_redeem'
  | 'points_dashboard'
  | 'points_expire'
  | 'points_wishes'
  | 'points_post_wish'
  | 'points_claim_wish'
  | 'points_fulfil_wish'
  | 'points_export_xlsx'
  | 'points_issue_certificate'
  | 'print_preview'
  | 'print_save'
  | 'print_system'
  | 'print_pdf_to_system'
  | 'print_fonts'
  | 'print_set_font'
