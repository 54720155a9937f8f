// The only place the page talks to Rust: one function per Tauri command.
import { Channel, invoke } from '@tauri-apps/api/core'
import type {
  AccountInput,
  AccountRow,
  AppError,
  ArchiveExported,
  ArchiveImport,
  AttendancePoints,
  Attendee,
  AuditEntry,
  AuditQuery,
  BackupFile,
  BackupPreview,
  BackupSettings,
  Choice,
  Compliance,
  ContactInput,
  Dashboard,
  Dict,
  EncryptionStatus,
  EntryRow,
  Exported,
  FieldChoice,
  FontSetting,
  GoodsRow,
  Home,
  HouseDashboard,
  HouseDetail,
  HouseInput,
  HousePage,
  HouseQuery,
  HouseholdInput,
  ImportBatch,
  ImportOptions,
  ImportOutcome,
  InspectionInput,
  MeetingDetail,
  MeetingInput,
  MeetingQuery,
  MeetingRow,
  MergePreview,
  Merged,
  Mode,
  OrgInput,
  OrgNode,
  Page,
  PartyMemberDetail,
  PartyMemberInput,
  PartyMemberQuery,
  PartyMemberRow,
  PendingRow,
  PersonFile,
  PointsSheet,
  PrintRequest,
  Printed,
  Receipt,
  Recorded,
  RectStatus,
  RectificationInput,
  RecycledItem,
  ReportInput,
  Role,
  Rule,
  RuleInput,
  SearchGroup,
  SensitiveField,
  ServiceInput,
  Session,
  SetupInput,
  SetupStatus,
  StatusChange,
  TalentInput,
  TalentQuery,
  TalentRow,
  TaskRow,
  TaskStatus,
  Tick,
  TodoItem,
  Travel,
  TreeImport,
  UserRow,
  WishRow,
} from './bindings'

/** A channel that hands each progress report of a long task to `onTick`. */
function progress(onTick: (t: Tick) => void): Channel<Tick> {
  const channel = new Channel<Tick>()
  channel.onmessage = onTick
  return channel
}

export const api = {
  setup: {
    status: () => invoke<SetupStatus>('setup_status'),
    initialize: (input: SetupInput) => invoke<void>('setup_initialize', { input }),
    loadDemo: () => invoke<number>('setup_load_demo'),
    /** Opens an encrypted database with its password. */
    unlock: (password: string) => invoke<void>('database_unlock', { password }),
  },
  encryption: {
    status: () => invoke<EncryptionStatus>('encryption_status'),
    /** `password` null takes the encryption off; `current` is the password now in use. */
    setPassword: (current: string, password: string | null) => invoke<void>('encryption_set_password', { current, password }),
  },
  orgTree: () => invoke<OrgNode[]>('org_tree'),
  org: {
    add: (input: OrgInput) => invoke<number>('org_add', { input }),
    rename: (id: number, name: string) => invoke<void>('org_rename', { id, name }),
    move: (id: number, parentId: number) => invoke<void>('org_move', { id, parentId }),
    merge: (from: number, into: number) => invoke<Merged>('org_merge', { from, into }),
    remove: (id: number) => invoke<void>('org_remove', { id }),
    /** The 组织架构 list higher levels send; `dryRun` checks without writing. */
    importSheet: (path: string, dryRun: boolean) => invoke<TreeImport>('org_import_sheet', { path, dryRun }),
  },
  dictValues: (dict: Dict) => invoke<string[]>('dict_values', { dict }),
  dictAdd: (dict: Dict, value: string) => invoke<void>('dict_add', { dict, value }),
  partyMembers: {
    list: (query: PartyMemberQuery) => invoke<Page<PartyMemberRow>>('party_member_list', { query }),
    get: (id: number) => invoke<PartyMemberDetail>('party_member_get', { id }),
    reveal: (id: number, field: SensitiveField, reason: string) => invoke<string>('party_member_reveal', { id, field, reason }),
    create: (input: PartyMemberInput) => invoke<number>('party_member_create', { input }),
    update: (id: number, input: PartyMemberInput) => invoke<void>('party_member_update', { id, input }),
    remove: (ids: number[]) => invoke<number>('party_member_delete', { ids }),
    addReport: (memberId: number, input: ReportInput) =>
      invoke<number>('party_member_add_report', { memberId, input }),
    addHousehold: (memberId: number, input: HouseholdInput) =>
      invoke<number>('party_member_add_household', { memberId, input }),
    addContact: (memberId: number, input: ContactInput) =>
      invoke<number>('party_member_add_contact', { memberId, input }),
    removeReport: (id: number) => invoke<void>('party_member_remove_report', { id }),
    removeHousehold: (id: number) => invoke<void>('party_member_remove_household', { id }),
    exportXlsx: (query: PartyMemberQuery, path: string, template: string | null = null) =>
      invoke<Exported>('party_member_export', { query, path, template }),
  },
  recycleBin: {
    list: (page: number, pageSize: number) =>
      invoke<Page<RecycledItem>>('recycle_bin_list', { page, pageSize }),
    restore: (entity: string, entityId: number) =>
      invoke<void>('recycle_bin_restore', { entity, entityId }),
  },
  audit: {
    list: (query: AuditQuery) => invoke<Page<AuditEntry>>('audit_list', { query }),
  },
  imports: {
    fields: (register: string) => invoke<FieldChoice[]>('import_fields', { register }),
    preview: (register: string, path: string, options: ImportOptions, onTick: (t: Tick) => void) =>
      invoke<ImportOutcome>('import_preview', { register, path, options, onProgress: progress(onTick) }),
    apply: (
      register: string, path: string, options: ImportOptions, choice: Choice, expectedHash: string,
      onTick: (t: Tick) => void,
    ) => invoke<ImportOutcome>('import_apply', {
      register, path, options, choice, expectedHash, onProgress: progress(onTick),
    }),
    cancel: () => invoke<void>('import_cancel'),
    writeErrors: (register: string, path: string, options: ImportOptions) =>
      invoke<string>('import_write_errors', { register, path, options }),
    batches: () => invoke<ImportBatch[]>('import_batches'),
    undo: (batchId: number) => invoke<number>('import_undo', { batchId }),
  },
  template: (register: string, path: string) => invoke<number>('export_template', { register, path }),
  /** A whole register to .xlsx (IDs, phones and home addresses masked), into a higher level's template when given. */
  exportRegister: (register: string, path: string, template: string | null = null) =>
    invoke<Exported>('export_register', { register, path, template }),
  home: () => invoke<Home>('home'),
  todo: () => invoke<TodoItem[]>('todo_list'),
  searchAll: (text: string) => invoke<SearchGroup[]>('search_all', { text }),
  persons: {
    file: (id: number) => invoke<PersonFile>('person_file', { id }),
    reveal: (id: number, field: SensitiveField, reason: string) => invoke<string>('person_reveal', { id, field, reason }),
    mergePreview: (keep: number, other: number) => invoke<MergePreview>('person_merge_preview', { keep, other }),
    merge: (keep: number, other: number) => invoke<void>('person_merge', { keep, other }),
  },
  talents: {
    list: (query: TalentQuery, page: number, pageSize: number) =>
      invoke<Page<TalentRow>>('talent_list', { query, page, pageSize }),
    get: (id: number) => invoke<TalentRow>('talent_get', { id }),
    skills: () => invoke<[string, number][]>('talent_skills'),
    save: (id: number | null, input: TalentInput) => invoke<number>('talent_save', { id, input }),
    remove: (id: number) => invoke<void>('talent_delete', { id }),
  },
  session: {
    /** [whether the office has named users, who is logged in] */
    status: () => invoke<[boolean, Session | null]>('session_status'),
    login: (name: string, password: string) => invoke<Session>('session_login', { name, password }),
    lock: () => invoke<void>('session_lock'),
  },
  users: {
    list: () => invoke<UserRow[]>('user_list'),
    add: (name: string, role: Role, password: string) => invoke<number>('user_add', { name, role, password }),
    setPassword: (id: number, password: string) => invoke<void>('user_set_password', { id, password }),
    remove: (id: number) => invoke<void>('user_remove', { id }),
  },
  access: {
    exportXlsx: (path: string) => invoke<number>('access_export', { path }),
  },
  archives: {
    /** `travel` null: plain from a plain database; an encrypted one's archive must be sealed or said plain. */
    export: (path: string, registers: string[], travel: Travel | null, onTick: (t: Tick) => void) =>
      invoke<ArchiveExported>('archive_export', { path, registers, travel, onProgress: progress(onTick) }),
    import: (path: string, mode: Mode, dryRun: boolean, password: string | null, onTick: (t: Tick) => void) =>
      invoke<ArchiveImport>('archive_import', { path, mode, dryRun, password, onProgress: progress(onTick) }),
  },
  backups: {
    settings: () => invoke<BackupSettings>('backup_settings'),
    setFolder: (folder: string) => invoke<void>('backup_set_folder', { folder }),
    setPassword: (password: string | null) => invoke<void>('backup_set_password', { password }),
    take: () => invoke<BackupFile | null>('backup_take'),
    list: () => invoke<BackupFile[]>('backup_list'),
    preview: (path: string, password: string | null) => invoke<BackupPreview>('backup_preview', { path, password }),
    /** `confirmed`: the clerk has read the preview's caution (another office, far fewer records). */
    restore: (path: string, password: string | null, confirmed: boolean) =>
      invoke<BackupPreview>('backup_restore', { path, password, confirmed }),
  },
  houses: {
    list: (query: HouseQuery, page: number, pageSize: number) =>
      invoke<HousePage>('house_list', { query, page, pageSize }),
    get: (id: number) => invoke<HouseDetail>('house_get', { id }),
    reveal: (id: number, field: SensitiveField, reason: string) => invoke<string>('house_reveal', { id, field, reason }),
    save: (id: number | null, input: HouseInput) => invoke<number>('house_save', { id, input }),
    remove: (id: number) => invoke<void>('house_delete', { id }),
    inspect: (houseId: number, inspection: InspectionInput, rectifications: RectificationInput[]) =>
      invoke<number>('house_inspect', { houseId, inspection, rectifications }),
    moveRectification: (id: number, to: RectStatus, change: StatusChange) =>
      invoke<void>('house_move_rectification', { id, to, change }),
    evacuate: (houseId: number, name: string, movedTo: string, movedOn: string, note: string) =>
      invoke<number>('house_evacuate', { houseId, name, movedTo, movedOn, note }),
    dashboard: () => invoke<HouseDashboard>('house_dashboard'),
    attach: (houseId: number, path: string, note: string) => invoke<number>('house_attach', { houseId, path, note }),
    /** The attachment's bytes, to show a photo or open a scan. */
    attachment: (id: number) => invoke<ArrayBuffer>('house_attachment', { id }),
    saveAttachment: (id: number, path: string) => invoke<void>('house_save_attachment', { id, path }),
    removeAttachment: (id: number) => invoke<void>('house_remove_attachment', { id }),
  },
  meetings: {
    list: (query: MeetingQuery) => invoke<MeetingRow[]>('meeting_list', { query }),
    get: (id: number) => invoke<MeetingDetail>('meeting_get', { id }),
    create: (input: MeetingInput) => invoke<number>('meeting_create', { input }),
    update: (id: number, input: MeetingInput) => invoke<void>('meeting_update', { id, input }),
    remove: (id: number) => invoke<void>('meeting_delete', { id }),
    rosterAttendees: (branchId: number) => invoke<Attendee[]>('meeting_roster_attendees', { branchId }),
    tasks: (open: boolean) => invoke<TaskRow[]>('meeting_tasks', { open }),
    setTask: (id: number, status: TaskStatus, review: string) =>
      invoke<void>('meeting_set_task', { id, status, review }),
    compliance: (year: number) => invoke<Compliance>('meeting_compliance', { year }),
    attendancePoints: (year: number) => invoke<[number, AttendancePoints[]]>('meeting_attendance_points', { year }),
    setPoints: (points: number) => invoke<void>('meeting_set_points', { points }),
  },
  points: {
    accounts: (search = '') => invoke<AccountRow[]>('points_accounts', { search }),
    ledger: (accountId: number) => invoke<EntryRow[]>('points_ledger', { accountId }),
    openAccount: (input: AccountInput) => invoke<number>('points_open_account', { input }),
    rules: () => invoke<Rule[]>('points_rules'),
    setRule: (input: RuleInput) => invoke<number>('points_set_rule', { input }),
    recordService: (input: ServiceInput) => invoke<Recorded>('points_record_service', { input }),
    pending: () => invoke<PendingRow[]>('points_pending'),
    decide: (recordId: number, approve: boolean) => invoke<void>('points_decide', { recordId, approve }),
    adjust: (accountId: number, points: string, reason: string) =>
      invoke<number>('points_adjust', { accountId, points, reason }),
    reverse: (entryId: number, reason: string) => invoke<number>('points_reverse', { entryId, reason }),
    goods: () => invoke<GoodsRow[]>('points_goods'),
    addGoods: (name: string, unit: string, price: string, lowStock: number) =>
      invoke<number>('points_add_goods', { name, unit, price, lowStock }),
    stockIn: (goodsId: number, quantity: number, source: string) =>
      invoke<number>('points_stock_in', { goodsId, quantity, source }),
    householdMembers: (accountId: number) => invoke<[number, string, string][]>('points_household_members', { accountId }),
    addHouseholdMember: (accountId: number, name: string, relation: string) =>
      invoke<number>('points_add_household_member', { accountId, name, relation }),
    removeHouseholdMember: (accountId: number, memberId: number) =>
      invoke<void>('points_remove_household_member', { accountId, memberId }),
    countStock: (goodsId: number, counted: number, reason: string) =>
      invoke<number>('points_count_stock', { goodsId, counted, reason }),
    redeem: (accountId: number, basket: [number, number][]) => invoke<Receipt>('points_redeem', { accountId, basket }),
    dashboard: (year: number) => invoke<Dashboard>('points_dashboard', { year }),
    /** Returns [accounts, points expired (tenths)]. */
    expire: (cutoff: string) => invoke<[number, number]>('points_expire', { cutoff }),
    wishes: () => invoke<WishRow[]>('points_wishes'),
    postWish: (resident: string, content: string) => invoke<number>('points_post_wish', { resident, content }),
    claimWish: (wishId: number, accountId: number) => invoke<void>('points_claim_wish', { wishId, accountId }),
    fulfilWish: (wishId: number, rule: string) => invoke<Recorded>('points_fulfil_wish', { wishId, rule }),
    exportXlsx: (sheet: PointsSheet, month: string, path: string) => invoke<number>('points_export', { sheet, month, path }),
    issueCertificate: (accountId: number, from: string, to: string, issuer: string) =>
      invoke<string>('points_issue_certificate', { accountId, from, to, issuer }),
  },
  print: {
    /** The PDF's bytes, for the preview. */
    preview: (request: PrintRequest) => invoke<ArrayBuffer>('print_preview', { request }),
    save: (request: PrintRequest, path: string) => invoke<Printed>('print_save', { request, path }),
    /** Hands the PDF to the system's printing; returns where it was saved. */
    system: (request: PrintRequest) => invoke<string>('print_system', { request }),
    fonts: () => invoke<FontSetting[]>('print_fonts'),
    setFont: (key: string, path: string) => invoke<void>('print_set_font', { key, path }),
  },
}

export function isAppError(e: unknown): e is AppError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e
}

/** The Chinese message of whatever a command threw. */
export function errorMessage(e: unknown): string {
  if (isAppError(e)) return e.message
  return `操作失败：${String(e)}`
}

/** Field errors of a validation failure, keyed by field name. */
export function fieldErrors(e: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (isAppError(e)) for (const f of e.fields) out[f.field] = out[f.field] ? `${out[f.field]}；${f.message}` : f.message
  return out
}

/** Points are stored in tenths: 25 → "2.5". */
export function pts(tenths: number): string {
  return String(tenths / 10)
}
