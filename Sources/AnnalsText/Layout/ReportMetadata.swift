import AnnalsModel

/// What a report says about itself, outside its articles: the lines a web
/// page, a WeChat article, a bulletin's masthead or a report's 落款 carry
/// around the body.
///
/// Names are as written, padding removed (`李 娟` → `李娟`). Each list keeps
/// the order of the page.
public struct ReportMetadata: Sendable, Equatable {
    /// The publication date the page states (`发布时间：`, a WeChat header,
    /// a newspaper's page header), not the date of the events reported.
    public var published: CalendarDay?
    /// `来源：` or `信息来源：`.
    public var source: String?
    /// `作者：`, `文/`, `文字｜`, a `◎` byline.
    public var authors: [String] = []
    /// `记者`, `本报记者`.
    public var reporters: [String] = []
    /// `通讯员`.
    public var correspondents: [String] = []
    /// `摄影：`, `图/`, `图片｜`, `… 摄` under a photograph.
    public var photographers: [String] = []
    /// `编辑：`, `责任编辑：`, `责编：`.
    public var editors: [String] = []
    /// `审核：`, `一审：` … `终审：`, in order.
    public var reviewers: [String] = []
    /// The WeChat account that published the article.
    public var account: String?
    /// `图片来源：`.
    public var imageSource: String?
    /// Who runs the site or paper: `主办单位：`, `版权所有`, the site's own
    /// header line, a newspaper's name.
    public var siteOwner: String?
    /// A newspaper's name from its page header (`黄冈日报　2021年11月8日　星期一　第3版`)
    /// or from a note that the text first appeared there (`（原载《团结报》…）`).
    public var newspaper: String?
    /// A bulletin's issue (`第4期`, `2022年第3期`) and running number (`总第58期`).
    public var issue: String?
    public var totalIssue: String?
    /// The 落款: the office that signs the report and the date it signs.
    public var signatory: String?
    public var signed: CalendarDay?

    public init() {}

    /// Who wrote or reported the text, in the roles that make them its
    /// contributors (editors, reviewers and photographers do not).
    public var writers: [String] { authors + reporters + correspondents }
}

/// A line of a report that is not article text, kept with why it was set
/// aside: nothing the reader is given is lost.
public struct SetAsideLine: Sendable, Equatable {
    /// Why a line is not article text.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Breadcrumbs, menus, `【打印】【关闭】`, `上一篇`, `阅读原文`, `字号：大 中 小`.
        case navigation
        /// The site's own header line (`宜章县人民政府网`).
        case siteHeader = "site_header"
        /// `发布时间：… 来源：… 作者：…`, `（责任编辑：…）`, `审核：…`.
        case metadata
        /// `□ 通讯员 某某`, `■本报记者 …`, `◎ 某某`, `文/ … 图/ …`.
        case byline
        /// A WeChat header (`原创 … 发表于…`) and account card lines.
        case account
        /// `主办单位：…`, `版权所有`, `备案号：…`, `技术支持：…`.
        case footer
        /// A bulletin's name, issue numbers and issuing office.
        case masthead
        /// The table of contents and its heading.
        case contents
        /// A `【section】` or `一、工作动态` heading (the articles keep the name).
        case section
        /// A newspaper's page header (`黄冈日报 … 第3版 综合新闻`).
        case pageHeader = "page_header"
        /// A page number (`- 2 -`, `·1·`) or a running header repeated on each page.
        case pageFurniture = "page_furniture"
        /// Rules (`━━━━`), `— END —`, an image placeholder (`图片`).
        case separator
        /// The 落款: the signing office and date.
        case signature
        /// The addressee of a report (`中共某某县委：`).
        case addressee
        /// `特此报告。`
        case closing
        /// `附件：` and the attachments it lists.
        case attachment
        /// `（联系人：… 电话：…）`.
        case contact
        /// `（资料来源：…）`, `（作者单位：…）`.
        case sourceNote = "source_note"
        /// `报：… 送：… 抄送：…`, `（共印80份）`.
        case distribution
    }

    public var kind: Kind
    /// The line as read (normalised; for a traditional-script report, as written).
    public var text: String
    /// Its bytes in the raw file.
    public var span: RawSpan

    public init(kind: Kind, text: String, span: RawSpan) {
        self.kind = kind
        self.text = text
        self.span = span
    }
}

/// A line inside an article that is not a body paragraph but belongs to the
/// article's text: a subtitle, a subheading, a photograph's caption.
/// Recognisers read them; paragraph counts and events do not take them for
/// body text.
public struct ArticleAside: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// The `——` line under a title.
        case subtitle
        /// `一、基本情况`, `回师黔北`, a year line in a chronicle.
        case subheading
        /// `▲…`, `图为…（摄影：…）`.
        case caption
    }

    public var kind: Kind
    public var text: String
    /// Range in ``Document/text``.
    public var range: Range<Int>
}
