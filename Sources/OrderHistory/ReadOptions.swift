/// What to do with a row that cannot be read.
public enum BadRowPolicy: String, CaseIterable, Sendable {
    /// Stop at the first bad row with a located error (the default): nothing is written.
    case fail
    /// Set bad rows aside in a quarantine CSV, count them, and go on.
    case skip
}

/// Which ways of writing a number the readers accept in amount, quantity, unit price, event value and
/// survey score columns (`--number-format`).
public enum NumberFormat: String, CaseIterable, Sendable {
    /// Plain numbers (`-12.50`, `1e3`) first; a value that is not one is read again accepting the forms
    /// Japanese exports write: thousands separators (`12,500`), a yen sign before (`¥3,000`, `￥3,000`) or
    /// `円` after (`3,000円`), and full-width digits and signs (`￥１２，５００`). The default.
    case auto
    /// Plain numbers only: `12,500`, `¥3,000` and full-width digits are bad values.
    case plain
    /// The Japanese forms accepted: reads the same as `auto` (plain numbers stay valid), for users who
    /// want to say so explicitly.
    case japanese
}

/// How to read an input file: column mapping, layout and what to do with bad rows.
///
/// These mirror the mapping flags of the command line (`--customer-column`, `--date-format`, ...). Every
/// `nil` means "detect": default column names, the delimiter from the header, the date layout from the
/// first value.
public struct ReadOptions: Sendable {
    /// Column names given by the user, keyed by role (`ColumnRole.key`); they override default names.
    public var columnNames: [String: String]
    /// The delimiter, or nil to detect it from the header line.
    public var delimiter: Delimiter?
    /// The encoding; `.auto` detects UTF-8 or CP932.
    public var encoding: TextEncoding
    /// The date layout, or nil to detect it per column.
    public var dateFormat: DateFormat?
    /// Which number forms are read: plain only, or Japanese forms as well (the default).
    public var numberFormat: NumberFormat
    /// Stop at the first bad row, or quarantine bad rows and go on.
    public var onBadRows: BadRowPolicy

    /// Options that detect everything and stop at the first bad row.
    public init(columnNames: [String: String] = [:], delimiter: Delimiter? = nil, encoding: TextEncoding = .auto,
                dateFormat: DateFormat? = nil, numberFormat: NumberFormat = .auto, onBadRows: BadRowPolicy = .fail) {
        self.columnNames = columnNames
        self.delimiter = delimiter
        self.encoding = encoding
        self.dateFormat = dateFormat
        self.numberFormat = numberFormat
        self.onBadRows = onBadRows
    }
}

/// A column a reader looks for: its role, the flag that names it and the header names it goes by.
public struct ColumnRole: Hashable, Sendable {
    /// The key of `ReadOptions.columnNames` (e.g. `customer`).
    public let key: String
    /// What the column holds, for messages (e.g. `customer id`).
    public let label: String
    /// The command-line flag that names it (e.g. `--customer-column`).
    public let flag: String
    /// Header names recognised without a flag, compared after `normalizedColumnName`.
    public let defaultNames: [String]

    /// A role with its default names (normalized here).
    public init(key: String, label: String, flag: String, defaultNames: [String]) {
        self.key = key
        self.label = label
        self.flag = flag
        self.defaultNames = defaultNames.map(normalizedColumnName)
    }
}

/// A header name folded for matching: lowercased, with spaces, `_`, `-` and `.` removed
/// (`Customer ID`, `customer_id` and `CustomerID` all match `customerid`).
public func normalizedColumnName(_ name: String) -> String {
    String(name.lowercased().unicodeScalars.filter { !" _-.\t".unicodeScalars.contains($0) }.map(Character.init))
}

/// The column roles of the four input files, with the names CRM exports commonly use.
public enum ColumnRoles {
    /// Customer id, in every file.
    public static let customer = ColumnRole(
        key: "customer", label: "customer id", flag: "--customer-column",
        defaultNames: ["customer_id", "customerid", "customer", "cust_id", "client_id", "user_id", "member_id",
                       "顧客ID", "顧客番号", "顧客コード", "会員ID", "会員番号"])
    /// Order date (orders), timestamp (events) or answer date (surveys).
    public static let date = ColumnRole(
        key: "date", label: "date", flag: "--date-column",
        defaultNames: ["order_date", "date", "invoice_date", "purchase_date", "ordered_at", "transaction_date",
                       "timestamp", "event_time", "event_date", "answered_at", "survey_date", "response_date",
                       "注文日", "購入日", "受注日", "日付", "日時", "回答日", "contact_date", "contacted_at", "called_at",
                       "接触日", "架電日"])
    /// Order amount.
    public static let amount = ColumnRole(
        key: "amount", label: "amount", flag: "--amount-column",
        defaultNames: ["amount", "total", "order_total", "total_amount", "sales", "revenue", "value_amount",
                       "金額", "売上", "売上金額", "購入金額", "合計金額"])
    /// Quantity, when the amount is quantity × unit price.
    public static let quantity = ColumnRole(
        key: "quantity", label: "quantity", flag: "--quantity-column",
        defaultNames: ["quantity", "qty", "数量"])
    /// Unit price, when the amount is quantity × unit price.
    public static let unitPrice = ColumnRole(
        key: "unitPrice", label: "unit price", flag: "--unit-price-column",
        defaultNames: ["unit_price", "unitprice", "price", "単価"])
    /// Order id: lines sharing one are summed into one order.
    public static let order = ColumnRole(
        key: "order", label: "order id", flag: "--order-column",
        defaultNames: ["order_id", "orderid", "invoice_no", "invoice", "order_number", "order_no", "transaction_id",
                       "注文ID", "注文番号", "伝票番号", "受注番号"])
    /// Sales channel.
    public static let channel = ColumnRole(
        key: "channel", label: "channel", flag: "--channel-column",
        defaultNames: ["channel", "sales_channel", "チャネル", "販売チャネル"])
    /// Product category.
    public static let category = ColumnRole(
        key: "category", label: "category", flag: "--category-column",
        defaultNames: ["category", "product_category", "カテゴリ", "カテゴリー"])
    /// Order status (cancellations and returns).
    public static let status = ColumnRole(
        key: "status", label: "status", flag: "--status-column",
        defaultNames: ["status", "order_status", "ステータス", "状態"])
    /// Event type (events).
    public static let eventType = ColumnRole(
        key: "type", label: "event type", flag: "--type-column",
        defaultNames: ["type", "event_type", "event", "種別", "イベント"])
    /// Numeric event value (events).
    public static let eventValue = ColumnRole(
        key: "value", label: "event value", flag: "--value-column",
        defaultNames: ["value", "event_value", "値"])
    /// NPS answer 0-10 (surveys).
    public static let nps = ColumnRole(
        key: "nps", label: "NPS score", flag: "--nps-column",
        defaultNames: ["nps", "nps_score", "recommend", "likelihood_to_recommend", "推奨度", "NPSスコア"])
    /// Customer satisfaction (surveys).
    public static let csat = ColumnRole(
        key: "csat", label: "CSAT score", flag: "--csat-column",
        defaultNames: ["csat", "csat_score", "satisfaction", "満足度"])
    /// Customer effort score 1-7 (surveys).
    public static let ces = ColumnRole(
        key: "ces", label: "CES score", flag: "--ces-column",
        defaultNames: ["ces", "ces_score", "effort", "努力度"])
    /// Call or control group (contacts).
    public static let contactGroup = ColumnRole(
        key: "group", label: "group", flag: "--group-column",
        defaultNames: ["group", "contact_group", "arm", "treatment", "variant", "群", "グループ"])
    /// The call list a contact came from (contacts): `retention`, `upgrade`, or a campaign's name.
    public static let listName = ColumnRole(
        key: "list", label: "list", flag: "--list-column",
        defaultNames: ["list", "list_name", "call_list", "campaign", "リスト"])
    /// Whether the agent reached the customer, 1 or 0 (contacts).
    public static let reached = ColumnRole(
        key: "reached", label: "reached", flag: "--reached-column",
        defaultNames: ["reached", "connected", "answered", "到達", "通話"])
    /// Customer name (customers).
    public static let name = ColumnRole(
        key: "name", label: "name", flag: "--name-column",
        defaultNames: ["name", "customer_name", "full_name", "氏名", "名前", "顧客名"])
    /// Phone number (customers).
    public static let phone = ColumnRole(
        key: "phone", label: "phone", flag: "--phone-column",
        defaultNames: ["phone", "phone_number", "tel", "telephone", "mobile", "電話番号", "電話"])
    /// E-mail address (customers).
    public static let email = ColumnRole(
        key: "email", label: "email", flag: "--email-column",
        defaultNames: ["email", "e_mail", "email_address", "mail", "メールアドレス", "メール"])
    /// Sign-up date (customers).
    public static let signupDate = ColumnRole(
        key: "signupDate", label: "signup date", flag: "--signup-column",
        defaultNames: ["signup_date", "signup", "registered_at", "registration_date", "created_at", "登録日", "入会日"])
    /// Do-not-call flag (customers).
    public static let doNotCall = ColumnRole(
        key: "doNotCall", label: "do-not-call flag", flag: "--do-not-call-column",
        defaultNames: ["do_not_call", "dnc", "no_call", "opt_out", "電話不可", "架電不可"])
    /// Last contacted date (customers).
    public static let lastContacted = ColumnRole(
        key: "lastContacted", label: "last contacted date", flag: "--last-contacted-column",
        defaultNames: ["last_contacted", "last_contacted_date", "last_contact", "last_call_date", "最終接触日", "最終架電日"])
}
