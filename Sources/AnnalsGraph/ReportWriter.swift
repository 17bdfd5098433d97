import AnnalsExtract
import AnnalsKnowledge
import AnnalsText
import Foundation
import GRDB

/// Writes one extracted report into the store, inside the caller's
/// transaction: its source row, articles (and their full text for search),
/// entity nodes resolved to their identity, mentions, events and edges.
struct ReportWriter {
    let db: Database
    let knowledge: KnowledgeBase
    let scopes: EventScopeIndex
    let extraction: Extraction
    let identity: NodeIdentity
    /// Entity ids by identity key, for this report.
    private var entityIDs: [String: Int64] = [:]
    private var sourceID: Int64 = 0

    init(db: Database, knowledge: KnowledgeBase, scopes: EventScopeIndex, extraction: Extraction) {
        self.db = db
        self.knowledge = knowledge
        self.scopes = scopes
        self.extraction = extraction
        identity = NodeIdentity(knowledge: knowledge, extraction: extraction)
    }

    mutating func write() throws {
        let document = extraction.document
        try db.cachedStatement(sql: """
            INSERT INTO sources (path, sha256, format, encoding, published, publisher, article_count, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [document.source, document.sha256, document.format.rawValue, document.encoding.encoding.rawValue,
                             document.published?.description, document.publisher, document.articles.count,
                             ISO8601DateFormatter().string(from: Date())])
        sourceID = db.lastInsertedRowID

        for extracted in extraction.articles {
            try write(extracted)
        }
    }

    private mutating func write(_ extracted: ExtractedArticle) throws {
        let document = extraction.document
        let article = extracted.article
        let body = article.paragraphs.map(\.text).joined(separator: "\n")
        try db.cachedStatement(sql: """
            INSERT INTO articles (source_id, position, title, section, date, span_start, span_end, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [sourceID, article.index, article.title, article.section, extracted.date?.value,
                             article.span.start, article.span.end, body])
        let articleID = db.lastInsertedRowID
        try db.cachedStatement(sql: "INSERT INTO article_search (rowid, title, body) VALUES (?, ?, ?)").execute(arguments: [articleID, article.title, body])
        try edge("contains", from: ("report", sourceID), to: ("article", articleID), article: articleID, span: article.span)

        // Contributors: the offices that supplied the article.
        for contributor in article.contributors {
            let id = try entity(key: "organisation/" + contributor, type: "organisation", name: contributor)
            try edge("contributed_by", from: ("article", articleID), to: ("entity", id), article: articleID, span: article.creditRange.map { document.text.rawSpan(of: $0) })
        }

        // Mentions, and one `mentions` edge per entity with its count.
        // Dates are values on events, not nodes.
        var mentionEntity: [Int64] = []
        var counts: [Int64: (count: Int, sentence: Int, span: RawSpan)] = [:]
        for mention in extracted.mentions {
            guard mention.type != .date else {
                mentionEntity.append(-1)
                continue
            }
            let id = try entity(for: mention)
            mentionEntity.append(id)
            let span = document.text.rawSpan(of: mention.range)
            try db.cachedStatement(sql: """
                INSERT INTO mentions (article_id, entity_id, text, sentence, span_start, span_end, roles)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [articleID, id, mention.text, mention.sentence, span.start, span.end,
                                 mention.roles.isEmpty ? nil : mention.roles.joined(separator: "|")])
            if mention.text != mention.name {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO aliases (entity_id, alias) VALUES (?, ?)").execute(arguments: [id, mention.text])
            }
            if let existing = counts[id] { counts[id] = (existing.count + 1, existing.sentence, existing.span) } else { counts[id] = (1, mention.sentence, span) }
        }
        for (id, count) in counts.sorted(by: { $0.key < $1.key }) {
            try edge("mentions", from: ("article", articleID), to: ("entity", id), weight: count.count, article: articleID, sentence: count.sentence, span: count.span)
        }

        // Offices held: 市委党史研究室主任 → the organisation mentioned in the title.
        for (index, mention) in extracted.mentions.enumerated() where mention.type == .person {
            for role in mention.roles {
                guard let organisation = extracted.mentions.indices.first(where: { other in
                    extracted.mentions[other].type == .organisation && extracted.mentions[other].sentence == mention.sentence
                        && role.hasPrefix(extracted.mentions[other].text) && role.count > extracted.mentions[other].text.count
                }) else { continue }
                let title = String(role.dropFirst(extracted.mentions[organisation].text.count))
                try edge("held_office", from: ("entity", mentionEntity[index]), to: ("entity", mentionEntity[organisation]),
                         role: title, article: articleID, sentence: mention.sentence, span: document.text.rawSpan(of: mention.range))
            }
        }

        // Events.
        for event in extracted.events {
            let span = document.text.rawSpan(of: event.range)
            try db.cachedStatement(sql: """
                INSERT INTO events (article_id, type, summary, main, date, precision, start_day, end_day, modifier, sentence, span_start, span_end,
                                    date_text, date_source, sentence_text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [articleID, event.type.rawValue, event.summary, event.isMain, event.temporal?.value,
                                 event.temporal?.precision.rawValue, event.temporal?.start.description, event.temporal?.end.description,
                                 event.temporal?.modifier, event.sentence, span.start, span.end,
                                 event.dateText, event.temporal == nil ? nil : (event.dateSource ?? "text"), document.text.string(event.range)])
            let eventID = db.lastInsertedRowID
            let node = ("event", eventID)
            try edge("reports", from: ("article", articleID), to: node, article: articleID, sentence: event.sentence, span: span)
            var places: Set<Int64> = []
            for index in event.places where places.insert(mentionEntity[index]).inserted {
                try edge("occurred_at", from: node, to: ("entity", mentionEntity[index]), article: articleID, sentence: event.sentence, span: span)
            }
            for division in event.divisions {
                let id = try place(division: division)
                if places.insert(id).inserted {
                    try edge("occurred_at", from: node, to: ("entity", id), article: articleID, sentence: event.sentence, span: span)
                }
            }
            for participant in event.participants {
                try edge("participated_in", from: ("entity", mentionEntity[participant.mention]), to: node, role: participant.role.rawValue,
                         article: articleID, sentence: event.sentence, span: span)
            }
            var organisers: Set<Int64> = []
            for index in event.organisations where organisers.insert(mentionEntity[index]).inserted {
                try edge("organised", from: ("entity", mentionEntity[index]), to: node, article: articleID, sentence: event.sentence, span: span)
            }
            // The timeline index, from what this report says (the same keys
            // EventScopeIndex.index reads back from the edges).
            let touched = (event.places + event.organisations).filter { extracted.mentions[$0].placeKind != "region" }
            let regionNames = event.places.filter { extracted.mentions[$0].type == .place && extracted.mentions[$0].placeKind == "region" }
                .map { extracted.mentions[$0].name }
            let divisions = event.divisions + touched.compactMap { scopeDivision(of: extracted.mentions[$0]) }
            try scopes.insert(scopes.keys(divisions: divisions, regions: regionNames, start: event.temporal?.start.description, end: event.temporal?.end.description),
                              event: eventID, start: event.temporal?.start.description, end: event.temporal?.end.description, db)
        }
    }

    // MARK: - Nodes

    /// The node a mention resolves to, with the places it hangs under.
    private mutating func entity(for mention: Mention) throws -> Int64 {
        switch mention.type {
        case .place:
            if let division = mention.division, mention.placeKind != "region", knowledge.divisions[division].name == mention.name || knowledge.divisions[division].commonName == mention.name {
                return try place(division: division)
            }
            return try entity(key: identity.key(for: mention), type: "place", name: mention.name, kind: mention.placeKind)
        case .site:
            let id = try entity(key: identity.key(for: mention), type: "site", name: mention.name)
            if let division = mention.division {
                try derivedEdge("located_in", from: id, to: try place(division: division))
            }
            return id
        case .organisation:
            let id = try entity(key: identity.key(for: mention), type: "organisation", name: mention.name)
            if let division = mention.division {
                try derivedEdge("based_in", from: id, to: try place(division: division))
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
        if record.commonName != record.name {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO aliases (entity_id, alias) VALUES (?, ?)").execute(arguments: [id, record.name])
        }
        if let parent = record.parent {
            try derivedEdge("part_of", from: id, to: try place(division: parent))
        }
        return id
    }

    /// The node for `key` after the curated decisions (same_as,
    /// not_same_as, rename, retype), created on first use.
    private mutating func entity(key automaticKey: String, type automaticType: String, name automaticName: String, kind: String? = nil,
                                 adcode: String? = nil, latitude: Double? = nil, longitude: Double? = nil) throws -> Int64 {
        let decisions = knowledge.identity
        let key = decisions.resolve(automaticKey, source: extraction.document.source)
        let name = decisions.renames[key] ?? automaticName
        let type = decisions.retypes[key] ?? automaticType
        if let known = entityIDs[key] { return known }
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM entities WHERE key = ?"), arguments: [key]) {
            entityIDs[key] = id
            return id
        }
        try db.cachedStatement(sql: """
            INSERT INTO entities (type, key, name, kind, adcode, lat, lon) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [type, key, name, kind, adcode, latitude, longitude])
        let id = db.lastInsertedRowID
        entityIDs[key] = id
        return id
    }

    // MARK: - Edges

    private func edge(_ type: String, from: (String, Int64), to: (String, Int64), role: String? = nil, weight: Int = 1,
                      article: Int64, sentence: Int? = nil, span: RawSpan?) throws {
        try db.cachedStatement(sql: """
            INSERT INTO edges (type, from_kind, from_id, to_kind, to_id, role, weight, source_id, article_id, sentence, span_start, span_end)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [type, from.0, from.1, to.0, to.1, role, weight, sourceID, article, sentence, span?.start, span?.end])
    }

    /// An edge the gazetteer states (no source; shared by all reports).
    private func derivedEdge(_ type: String, from: Int64, to: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO edges (type, from_kind, from_id, to_kind, to_id) VALUES (?, 'entity', ?, 'entity', ?)
            """).execute(arguments: [type, from, to])
    }
}
