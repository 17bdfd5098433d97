import AnnalsExtract
import AnnalsKnowledge
import AnnalsModel
import AnnalsText
import Foundation
import GRDB

/// Writes one extracted report into the store, inside the caller's
/// transaction: its source row, articles (and their full text for search),
/// entity nodes resolved to their identity, mentions, events and edges.
struct ReportWriter {
    let db: Database
    let statements: WriterStatements
    let knowledge: KnowledgeBase
    /// The curated identity decisions this report is written under.
    let decisions: IdentityDecisions
    let scopes: EventScopeIndex
    let extraction: Extraction
    let identity: NodeIdentity
    /// Entity ids by identity key, for this report.
    private var entityIDs: [String: Int64] = [:]
    private var sourceID: Int64 = 0

    init(db: Database, statements: WriterStatements, knowledge: KnowledgeBase, decisions: IdentityDecisions, scopes: EventScopeIndex, extraction: Extraction) {
        self.db = db
        self.statements = statements
        self.knowledge = knowledge
        self.decisions = decisions
        self.scopes = scopes
        self.extraction = extraction
        identity = NodeIdentity(knowledge: knowledge, extraction: extraction)
    }

    mutating func write() throws {
        let document = extraction.document
        let ingestedAt = statements.timestamps.string(from: Date())
        try statements.insertSource.run {
            $0.bind(1, document.source)
            $0.bind(2, document.sha256)
            $0.bind(3, document.format.rawValue)
            $0.bind(4, document.encoding.encoding.rawValue)
            $0.bind(5, document.published?.description)
            $0.bind(6, document.publisher)
            $0.bind(7, document.articles.count)
            $0.bind(8, ingestedAt)
        }
        sourceID = db.lastInsertedRowID

        for extracted in extraction.articles {
            try write(extracted)
        }
    }

    private mutating func write(_ extracted: ExtractedArticle) throws {
        let document = extraction.document
        let article = extracted.article
        let body = article.paragraphs.map(\.text).joined(separator: "\n")
        try statements.insertArticle.run {
            $0.bind(1, sourceID)
            $0.bind(2, article.index)
            $0.bind(3, article.title)
            $0.bind(4, article.section)
            $0.bind(5, extracted.date?.value)
            $0.bind(6, article.span.start)
            $0.bind(7, article.span.end)
            $0.bind(8, body)
            $0.bind(9, extracted.date?.precision.rawValue)
            $0.bind(10, extracted.date?.start.description)
            $0.bind(11, extracted.date?.end.description)
        }
        let articleID = db.lastInsertedRowID
        if !statements.defersSearch {
            try statements.insertSearch.run {
                $0.bind(1, articleID)
                $0.bind(2, article.title)
                $0.bind(3, body)
            }
        }
        try edge(.contains, from: ("report", sourceID), to: ("article", articleID), article: articleID, span: article.span)

        // Contributors: the offices that supplied the article.
        for contributor in article.contributors {
            let id = try entity(key: "organisation/" + contributor, type: "organisation", name: contributor)
            try edge(.contributedBy, from: ("article", articleID), to: ("entity", id), article: articleID, span: article.creditRange.map { document.text.rawSpan(of: $0) })
        }

        // Mentions, and one `mentions` edge per entity with its count.
        // Dates are values on events, not nodes.
        let bodyOffsets = BodyOffsets(article)
        // A mention with no node (a date, or a span curated as no entity)
        // has the id `noNode`, and takes part in no edge.
        var mentionEntity: [Int64] = []
        var counts: [Int64: (count: Int, sentence: Int, span: RawSpan)] = [:]
        for mention in extracted.mentions {
            guard mention.type != .date, !isRejected(mention) else {
                mentionEntity.append(Self.noNode)
                continue
            }
            let id = try entity(for: mention)
            mentionEntity.append(id)
            let span = document.text.rawSpan(of: mention.range)
            try statements.insertMention.run {
                $0.bind(1, articleID)
                $0.bind(2, id)
                $0.bind(3, mention.text)
                $0.bind(4, mention.sentence)
                $0.bind(5, span.start)
                $0.bind(6, span.end)
                $0.bind(7, mention.roles.isEmpty ? nil : mention.roles.joined(separator: "|"))
                let inBody = bodyOffsets.range(of: mention.range)
                $0.bind(8, inBody?.lowerBound)
                $0.bind(9, inBody?.upperBound)
            }
            if mention.text != mention.name { try alias(mention.text, of: id) }
            if let existing = counts[id] { counts[id] = (existing.count + 1, existing.sentence, existing.span) } else { counts[id] = (1, mention.sentence, span) }
        }
        for (id, count) in counts.sorted(by: { $0.key < $1.key }) {
            try edge(.mentions, from: ("article", articleID), to: ("entity", id), weight: count.count, article: articleID, sentence: count.sentence, span: count.span)
        }

        // Offices held: 市委党史研究室主任 → the organisation mentioned in the title.
        for (index, mention) in extracted.mentions.enumerated() where mention.type == .person && mentionEntity[index] != Self.noNode {
            for role in mention.roles {
                guard let organisation = extracted.mentions.indices.first(where: { other in
                    extracted.mentions[other].type == .organisation && extracted.mentions[other].sentence == mention.sentence
                        && role.hasPrefix(extracted.mentions[other].text) && role.count > extracted.mentions[other].text.count
                }), mentionEntity[organisation] != Self.noNode else { continue }
                let title = String(role.dropFirst(extracted.mentions[organisation].text.count))
                try edge(.heldOffice, from: ("entity", mentionEntity[index]), to: ("entity", mentionEntity[organisation]),
                         role: title, article: articleID, sentence: mention.sentence, span: document.text.rawSpan(of: mention.range))
            }
        }

        // Events.
        for event in extracted.events {
            let span = document.text.rawSpan(of: event.range)
            let start = event.temporal?.start.description, end = event.temporal?.end.description
            try statements.insertEvent.run {
                $0.bind(1, articleID)
                $0.bind(2, event.type.rawValue)
                $0.bind(3, event.summary)
                $0.bind(4, event.isMain)
                $0.bind(5, event.temporal?.value)
                $0.bind(6, event.temporal?.precision.rawValue)
                $0.bind(7, start)
                $0.bind(8, end)
                $0.bind(9, event.temporal?.modifier)
                $0.bind(10, event.sentence)
                $0.bind(11, span.start)
                $0.bind(12, span.end)
                $0.bind(13, event.dateText)
                $0.bind(14, event.temporal == nil ? nil : (event.dateSource ?? "text"))
                $0.bind(15, document.string(event.range))
            }
            let eventID = db.lastInsertedRowID
            let node = ("event", eventID)
            try edge(.reports, from: ("article", articleID), to: node, article: articleID, sentence: event.sentence, span: span)
            var places: Set<Int64> = []
            for index in event.places where mentionEntity[index] != Self.noNode && places.insert(mentionEntity[index]).inserted {
                try edge(.occurredAt, from: node, to: ("entity", mentionEntity[index]), article: articleID, sentence: event.sentence, span: span)
            }
            for division in event.divisions {
                let id = try place(division: division)
                if places.insert(id).inserted {
                    try edge(.occurredAt, from: node, to: ("entity", id), article: articleID, sentence: event.sentence, span: span)
                }
            }
            for participant in event.participants where mentionEntity[participant.mention] != Self.noNode {
                try edge(.participatedIn, from: ("entity", mentionEntity[participant.mention]), to: node, role: participant.role.rawValue,
                         article: articleID, sentence: event.sentence, span: span)
            }
            var organisers: Set<Int64> = []
            for index in event.organisations where mentionEntity[index] != Self.noNode && organisers.insert(mentionEntity[index]).inserted {
                try edge(.organised, from: ("entity", mentionEntity[index]), to: node, article: articleID, sentence: event.sentence, span: span)
            }
            // The timeline index, from what this report says (the same keys
            // EventScopeIndex.index reads back from the edges).
            let kept = (event.places + event.organisations).filter { mentionEntity[$0] != Self.noNode }
            let touched = kept.filter { extracted.mentions[$0].placeKind != "region" }
            let regionNames = kept.filter { extracted.mentions[$0].type == .place && extracted.mentions[$0].placeKind == "region" }
                .map { extracted.mentions[$0].name }
            let divisions = event.divisions + touched.compactMap { scopeDivision(of: extracted.mentions[$0]) }
            for key in scopes.keys(divisions: divisions, regions: regionNames, start: start, end: end, cache: statements.divisionKeys) {
                try statements.insertScope.run {
                    $0.bind(1, key)
                    $0.bind(2, start ?? EventScopeIndex.undated)
                    $0.bind(3, end ?? EventScopeIndex.undated)
                    $0.bind(4, eventID)
                }
            }
        }
    }

    // MARK: - Nodes

    static let noNode: Int64 = -1

    /// The gazetteer division a place mention is the node of: the mention
    /// names the division itself, not a region or a historical name in it.
    private func gazetteerDivision(of mention: Mention) -> Int? {
        guard mention.type == .place, let division = mention.division, mention.placeKind != "region" else { return nil }
        let record = knowledge.divisions[division]
        return record.name == mention.name || record.commonName == mention.name ? division : nil
    }

    /// Whether a curator decided this mention names no entity here.
    private func isRejected(_ mention: Mention) -> Bool {
        guard !decisions.rejects.isEmpty else { return false }
        let automatic = gazetteerDivision(of: mention).map { "place/" + knowledge.divisions[$0].code } ?? identity.key(for: mention)
        let source = extraction.document.source
        return decisions.isRejected(decisions.resolve(automatic, source: source), source: source)
    }

    /// The node a mention resolves to, with the places it hangs under.
    private mutating func entity(for mention: Mention) throws -> Int64 {
        switch mention.type {
        case .place:
            if let division = gazetteerDivision(of: mention) {
                return try place(division: division)
            }
            return try entity(key: identity.key(for: mention), type: "place", name: mention.name, kind: mention.placeKind)
        case .site:
            let id = try entity(key: identity.key(for: mention), type: "site", name: mention.name)
            if let division = mention.division {
                try derivedEdge(.locatedIn, from: id, to: try place(division: division))
            }
            return id
        case .organisation:
            let id = try entity(key: identity.key(for: mention), type: "organisation", name: mention.name)
            if let division = mention.division {
                try derivedEdge(.basedIn, from: id, to: try place(division: division))
            }
            return id
        case .person, .work, .date:
            return try entity(key: identity.key(for: mention), type: mention.type.rawValue, name: mention.name)
        }
    }

    /// The division a mention puts an event in: a place's own (when it is
    /// the gazetteer node), a site's place, an organisation's seat.
    private func scopeDivision(of mention: Mention) -> Int? {
        guard let division = mention.division else { return nil }
        switch mention.type {
        case .place:
            // 大庸县 counts for today's 永定区 on the timeline.
            if Mention.isHistoricalKind(mention.placeKind) { return division }
            let record = knowledge.divisions[division]
            return record.name == mention.name || record.commonName == mention.name ? division : nil
        case .site, .organisation: return division
        case .person, .work, .date: return nil
        }
    }

    /// The node of a gazetteer division, and of every division above it
    /// (澄江镇 part_of 北碚区 part_of 重庆市).
    private mutating func place(division: Int) throws -> Int64 {
        let record = knowledge.divisions[division]
        let key = "place/" + record.code
        if let known = entityIDs[key] { return known }
        let id = try entity(key: key, type: "place", name: record.commonName, kind: record.placeKind, adcode: record.code,
                            latitude: record.latitude, longitude: record.longitude)
        if record.commonName != record.name { try alias(record.name, of: id) }
        if let parent = record.parent {
            try derivedEdge(.partOf, from: id, to: try place(division: parent))
        }
        return id
    }

    /// The node for `key` after the curated decisions (same_as,
    /// not_same_as, rename, retype), created on first use.
    private mutating func entity(key automaticKey: String, type automaticType: String, name automaticName: String, kind: String? = nil,
                                 adcode: String? = nil, latitude: Double? = nil, longitude: Double? = nil) throws -> Int64 {
        let key = decisions.resolve(automaticKey, source: extraction.document.source)
        let name = decisions.renames[key] ?? automaticName
        let type = decisions.retypes[key] ?? automaticType
        // A node merged into another keeps being found by its own name.
        let merged = key != automaticKey && !key.hasPrefix(automaticKey + "#")
        if let known = entityIDs[key] {
            if merged { try alias(automaticName, of: known) }
            return known
        }
        if let id = try statements.selectEntity.first({ $0.bind(1, key) }, read: { $0.integer(0) }) {
            entityIDs[key] = id
            if merged { try alias(automaticName, of: id) }
            return id
        }
        try statements.insertEntity.run {
            $0.bind(1, type)
            $0.bind(2, key)
            $0.bind(3, name)
            $0.bind(4, kind)
            $0.bind(5, adcode)
            $0.bind(6, latitude)
            $0.bind(7, longitude)
        }
        let id = db.lastInsertedRowID
        entityIDs[key] = id
        return id
    }

    // MARK: - Edges

    private func edge(_ type: EdgeType, from: (String, Int64), to: (String, Int64), role: String? = nil, weight: Int = 1,
                      article: Int64, sentence: Int? = nil, span: RawSpan?) throws {
        try statements.insertEdge.run {
            $0.bind(1, type.rawValue)
            $0.bind(2, from.0)
            $0.bind(3, from.1)
            $0.bind(4, to.0)
            $0.bind(5, to.1)
            $0.bind(6, role)
            $0.bind(7, weight)
            $0.bind(8, sourceID)
            $0.bind(9, article)
            $0.bind(10, sentence)
            $0.bind(11, span?.start)
            $0.bind(12, span?.end)
        }
    }

    /// An edge the gazetteer states (no source; shared by all reports).
    private func derivedEdge(_ type: EdgeType, from: Int64, to: Int64) throws {
        precondition(type.isDerived, "\(type) is an edge a report states, not one of the gazetteer's")
        try statements.insertDerivedEdge.run {
            $0.bind(1, type.rawValue)
            $0.bind(2, from)
            $0.bind(3, to)
        }
    }

    private func alias(_ alias: String, of entity: Int64) throws {
        try statements.insertAlias.run {
            $0.bind(1, entity)
            $0.bind(2, alias)
        }
    }
}

/// Where a range of the document text stands in an article's stored body
/// (its paragraphs joined by line breaks), in Unicode scalars: what the
/// workbench needs to highlight a mention in the text it shows.
struct BodyOffsets {
    /// Each paragraph's range in the document text and where it starts in the body.
    private var paragraphs: [(range: Range<Int>, bodyStart: Int)] = []

    init(_ article: Article) {
        var bodyStart = 0
        for paragraph in article.paragraphs {
            // A paragraph whose text is not its document range scalar for
            // scalar (none should be) gets no offsets rather than wrong ones.
            let length = paragraph.text.unicodeScalars.count
            if length == paragraph.range.count { paragraphs.append((paragraph.range, bodyStart)) }
            bodyStart += length + 1
        }
    }

    /// The body range of `range`, or nil when it is not inside one paragraph
    /// (a mention in the title or a caption).
    func range(of range: Range<Int>) -> Range<Int>? {
        guard let paragraph = paragraphs.first(where: { $0.range.contains(range.lowerBound) }),
              range.upperBound <= paragraph.range.upperBound else { return nil }
        let start = paragraph.bodyStart + range.lowerBound - paragraph.range.lowerBound
        return start..<(start + range.count)
    }
}
