/// Reads the files of `graph/knowledge`, one loader a file: each reads its
/// file (an optional file that is absent gives no records), checks it,
/// turns its rows into records, and adds to the lexicon the surface forms
/// those records are found by. ``KnowledgeBase`` calls them in order and
/// compiles the lexicon at the end.
struct KnowledgeLoader {
    let folder: String
    /// Every surface form met so far, with its entries.
    var lexicon = LexiconBuilder()
    /// Gazetteer codes to division indices, once the gazetteer is read.
    private(set) var divisionByCode: [String: Int] = [:]

    init(folder: String) { self.folder = folder }

    private func file(_ path: String, optional: Bool = true) throws(KnowledgeError) -> TSVFile {
        try TSVFile(path: folder + "/" + path, optional: optional)
    }

    /// The divisions a list field names by code (`500242|500241`), those
    /// the gazetteer knows.
    func places(_ field: Substring) -> [Int] { field.listValues.compactMap { divisionByCode[$0] } }

    // MARK: - Places

    /// `gazetteer/divisions.tsv` (required): every division down to towns,
    /// with its parent, aliases and coordinates.
    mutating func divisions() throws(KnowledgeError) -> [Division] {
        let gazetteer = try file("gazetteer/divisions.tsv", optional: false)
        let (codeColumn, levelColumn, parentColumn, nameColumn, aliasColumn, latColumn, lonColumn) = try (
            gazetteer.column("code"), gazetteer.column("level"), gazetteer.column("parent"), gazetteer.column("name"),
            gazetteer.column("aliases"), gazetteer.column("lat"), gazetteer.column("lon"))
        var divisions: [Division] = []
        divisions.reserveCapacity(gazetteer.rows.count)
        var byCode: [String: Int] = [:]
        var parentCodes: [Substring] = []
        for (number, row) in gazetteer.rows.enumerated() {
            guard let level = Division.Level(rawValue: String(row[levelColumn])) else {
                throw .malformed(file: gazetteer.path, line: number + 2, problem: "unknown level '\(row[levelColumn])'")
            }
            byCode[String(row[codeColumn])] = divisions.count
            parentCodes.append(row[parentColumn])
            var division = Division(
                code: String(row[codeColumn]), level: level, parent: nil, name: String(row[nameColumn]),
                aliases: row[aliasColumn].listValues, latitude: Double(row[latColumn]), longitude: Double(row[lonColumn]))
            division.commonName = Division.commonName(of: division.name, level: level, aliases: division.aliases)
            divisions.append(division)
        }
        for index in divisions.indices where !parentCodes[index].isEmpty {
            divisions[index].parent = byCode[String(parentCodes[index])]
        }
        for (index, division) in divisions.enumerated() {
            // A two-character town name (社区) is too generic to count alone.
            let officialForm: LexiconEntry.Form = division.level == .town && division.name.count < 3 ? .short : .official
            lexicon.add(division.name, .init(kind: .division, index: Int32(index), form: officialForm))
            for alias in division.aliases {
                lexicon.add(alias, .init(kind: .division, index: Int32(index), form: KnowledgeBase.aliasForm(alias, of: division.name)))
            }
        }
        divisionByCode = byCode
        return divisions
    }

    /// `regions/regions.tsv`: historical and informal regions (湘鄂川黔,
    /// 渝东南) with their member divisions; then `places/historical_places.tsv`:
    /// divisions no longer in use (大庸县 until 1994, 万县地区, 北平), each a
    /// region of kind `former_<level>` whose members are today's
    /// divisions that cover it, its period in the description.
    mutating func regions() throws(KnowledgeError) -> [Region] {
        let regionFile = try file("regions/regions.tsv")
        var regions: [Region] = []
        if !regionFile.rows.isEmpty {
            let columns = try (regionFile.column("id"), regionFile.column("name"), regionFile.column("aliases"),
                               regionFile.column("kind"), regionFile.column("members"), regionFile.column("description"))
            for row in regionFile.rows {
                regions.append(Region(id: String(row[columns.0]), name: String(row[columns.1]), aliases: row[columns.2].listValues,
                                      kind: String(row[columns.3]), members: places(row[columns.4]), description: String(row[columns.5])))
            }
        }
        let historicalFile = try file("places/historical_places.tsv")
        if !historicalFile.rows.isEmpty {
            let columns = try (historicalFile.column("id"), historicalFile.column("name"), historicalFile.column("aliases"),
                               historicalFile.column("level"), historicalFile.column("from"), historicalFile.column("until"),
                               historicalFile.column("successors"), historicalFile.column("description"))
            for row in historicalFile.rows {
                let period = row[columns.4].isEmpty && row[columns.5].isEmpty ? "" : "(\(row[columns.4])—\(row[columns.5]))"
                regions.append(Region(id: String(row[columns.0]), name: String(row[columns.1]), aliases: row[columns.2].listValues,
                                      kind: Region.historicalPrefix + row[columns.3], members: places(row[columns.6]),
                                      description: period + row[columns.7], from: Int(row[columns.4]), until: Int(row[columns.5])))
            }
        }
        for (index, region) in regions.enumerated() {
            lexicon.add(region.name, .init(kind: .region, index: Int32(index), form: .official))
            for alias in region.aliases { lexicon.add(alias, .init(kind: .region, index: Int32(index), form: .alias)) }
        }
        return regions
    }

    /// `places/features.tsv`: mountains, rivers and other natural places.
    mutating func features() throws(KnowledgeError) -> [KnownSite] {
        let features = try namedPlaces(try file("places/features.tsv"))
        for (index, feature) in features.enumerated() {
            lexicon.add(feature.name, .init(kind: .feature, index: Int32(index), form: .official))
            for alias in feature.aliases { lexicon.add(alias, .init(kind: .feature, index: Int32(index), form: .alias)) }
        }
        return features
    }

    // MARK: - People

    /// `people/known_people.tsv`: people of the revolution and of today's
    /// offices, with their aliases.
    mutating func people() throws(KnowledgeError) -> [KnownPerson] {
        let peopleFile = try file("people/known_people.tsv")
        var people: [KnownPerson] = []
        if !peopleFile.rows.isEmpty {
            let columns = try (peopleFile.column("id"), peopleFile.column("name"), peopleFile.column("aliases"),
                               peopleFile.column("born"), peopleFile.column("died"), peopleFile.column("description"))
            for row in peopleFile.rows {
                people.append(KnownPerson(id: String(row[columns.0]), name: String(row[columns.1]), aliases: row[columns.2].listValues,
                                          born: Int(row[columns.3]), died: Int(row[columns.4]), description: String(row[columns.5])))
            }
        }
        for (index, person) in people.enumerated() {
            lexicon.add(person.name, .init(kind: .person, index: Int32(index), form: .official))
            for alias in person.aliases {
                // A given name alone (敏尔) only counts next to a title.
                let givenNameAlone = alias.count <= 2 && !person.name.hasPrefix(alias) && person.name.hasSuffix(alias)
                lexicon.add(alias, .init(kind: .person, index: Int32(index), form: givenNameAlone ? .short : .alias))
            }
        }
        return people
    }

    /// `people/titles.tsv`: titles and offices (书记, 主任, 师长), and
    /// whether they stand before or after a name.
    mutating func titles() throws(KnowledgeError) -> [Title] {
        let titleFile = try file("people/titles.tsv")
        var titles: [Title] = []
        if !titleFile.rows.isEmpty {
            let columns = try (titleFile.column("title"), titleFile.column("kind"), titleFile.column("position"))
            for row in titleFile.rows {
                titles.append(Title(word: String(row[columns.0]), kind: String(row[columns.1]),
                                    position: Title.Position(rawValue: String(row[columns.2])) ?? .both))
            }
        }
        for (index, title) in titles.enumerated() { lexicon.add(title.word, .init(kind: .title, index: Int32(index), form: .official)) }
        return titles
    }

    /// `people/surnames.tsv`: single-character surnames as one bit per
    /// character of the Basic Multilingual Plane; longer ones (欧阳) as
    /// lexicon forms.
    mutating func singleSurnames() throws(KnowledgeError) -> [UInt64] {
        let surnameFile = try file("people/surnames.tsv")
        var singles = [UInt64](repeating: 0, count: 0x10000 / 64)
        if !surnameFile.rows.isEmpty {
            let column = try surnameFile.column("surname")
            for (index, row) in surnameFile.rows.enumerated() {
                let scalars = row[column].unicodeScalars
                if scalars.count == 1, let value = scalars.first?.value, value < 0x10000 {
                    singles[Int(value) >> 6] |= 1 << UInt64(value & 63)
                } else {
                    lexicon.add(String(row[column]), .init(kind: .surname, index: Int32(index), form: .official))
                }
            }
        }
        return singles
    }

    /// `people/name_context.tsv`: words that follow names (同志, 主持),
    /// characters never inside a name (的, 委), and conjunctions (和, 与).
    mutating func nameContext() throws(KnowledgeError) -> (notInNames: [UInt64], conjunctions: [UInt64]) {
        let contextFile = try file("people/name_context.tsv")
        var excluded = [UInt64](repeating: 0, count: 0x10000 / 64)
        var conjunctions = [UInt64](repeating: 0, count: 0x10000 / 64)
        if !contextFile.rows.isEmpty {
            let (wordColumn, kindColumn) = try (contextFile.column("word"), contextFile.column("kind"))
            for (index, row) in contextFile.rows.enumerated() {
                switch row[kindColumn] {
                case "follows_name":
                    lexicon.add(String(row[wordColumn]), .init(kind: .nameFollower, index: Int32(index), form: .official))
                case "not_in_name":
                    if let value = row[wordColumn].unicodeScalars.first?.value, value < 0x10000 {
                        excluded[Int(value) >> 6] |= 1 << UInt64(value & 63)
                    }
                case "conjunction":
                    if let value = row[wordColumn].unicodeScalars.first?.value, value < 0x10000 {
                        conjunctions[Int(value) >> 6] |= 1 << UInt64(value & 63)
                    }
                default:
                    throw .malformed(file: contextFile.path, line: index + 2, problem: "unknown kind '\(row[kindColumn])'")
                }
            }
        }
        return (excluded, conjunctions)
    }

    // MARK: - Organisations

    /// `organisations/known_organisations.tsv`: bodies known by name, with
    /// their aliases and the division they belong to.
    mutating func organisations() throws(KnowledgeError) -> [KnownOrganisation] {
        let organisationFile = try file("organisations/known_organisations.tsv")
        var organisations: [KnownOrganisation] = []
        if !organisationFile.rows.isEmpty {
            let columns = try (organisationFile.column("id"), organisationFile.column("name"), organisationFile.column("aliases"),
                               organisationFile.column("kind"), organisationFile.column("place"))
            for row in organisationFile.rows {
                organisations.append(KnownOrganisation(id: String(row[columns.0]), name: String(row[columns.1]), aliases: row[columns.2].listValues,
                                                       kind: String(row[columns.3]), place: places(row[columns.4]).first))
            }
        }
        for (index, organisation) in organisations.enumerated() {
            lexicon.add(organisation.name, .init(kind: .organisation, index: Int32(index), form: .official))
            // Two-character aliases (重大, 总台, 西师) are ordinary words too.
            for alias in organisation.aliases {
                // `红军!`: curated as unambiguous despite its length.
                if alias.hasSuffix("!") {
                    lexicon.add(String(alias.dropLast()), .init(kind: .organisation, index: Int32(index), form: .alias))
                } else {
                    lexicon.add(alias, .init(kind: .organisation, index: Int32(index), form: alias.count <= 2 ? .short : .alias))
                }
            }
        }
        return organisations
    }

    /// `organisations/grammar.tsv`: the words organisation names are built
    /// of (委, 党史研究室, 军团) and their roles.
    mutating func organisationWords() throws(KnowledgeError) -> [OrganisationWord] {
        let grammarFile = try file("organisations/grammar.tsv")
        var words: [OrganisationWord] = []
        if !grammarFile.rows.isEmpty {
            let columns = try (grammarFile.column("word"), grammarFile.column("role"), grammarFile.column("expansion"))
            for (number, row) in grammarFile.rows.enumerated() {
                guard let role = OrganisationWord.Role(rawValue: String(row[columns.1])) else {
                    throw .malformed(file: grammarFile.path, line: number + 2, problem: "unknown role '\(row[columns.1])'")
                }
                words.append(OrganisationWord(word: String(row[columns.0]), role: role, expansion: row[columns.2].isEmpty ? nil : String(row[columns.2])))
            }
        }
        for (index, word) in words.enumerated() { lexicon.add(word.word, .init(kind: .organisationWord, index: Int32(index), form: .official)) }
        return words
    }

    // MARK: - Sites

    /// `sites/known_sites.tsv`: revolutionary and memorial sites by name.
    /// `sites/registered_sites.tsv` follows: sites from the registers of
    /// protected sites, built from `sites/sources/` by
    /// `tools/knowledge/build_lists.py` (a curated site is not repeated).
    mutating func sites() throws(KnowledgeError) -> [KnownSite] {
        let sites = try namedPlaces(try file("sites/known_sites.tsv")) + namedPlaces(try file("sites/registered_sites.tsv"))
        for (index, site) in sites.enumerated() {
            lexicon.add(site.name, .init(kind: .site, index: Int32(index), form: .official))
            for alias in site.aliases { lexicon.add(alias, .init(kind: .site, index: Int32(index), form: .alias)) }
        }
        return sites
    }

    /// `sites/site_suffixes.tsv`: the words site names end in (旧址, 纪念馆).
    mutating func siteSuffixes() throws(KnowledgeError) -> [String] {
        let suffixFile = try file("sites/site_suffixes.tsv")
        var suffixes: [String] = []
        if !suffixFile.rows.isEmpty {
            let column = try suffixFile.column("suffix")
            suffixes = suffixFile.rows.map { String($0[column]) }
        }
        for (index, suffix) in suffixes.enumerated() { lexicon.add(suffix, .init(kind: .siteSuffix, index: Int32(index), form: .official)) }
        return suffixes
    }

    /// `sites/name_boundaries.tsv`: words a site's name cannot run back
    /// over (在, 位于, 考察); returns the generic qualifiers (革命, 红色) that
    /// make no name on their own.
    mutating func siteNameBoundaries() throws(KnowledgeError) -> Set<String> {
        let boundaryFile = try file("sites/name_boundaries.tsv")
        var generic: Set<String> = []
        if !boundaryFile.rows.isEmpty {
            let (column, kindColumn) = try (boundaryFile.column("word"), boundaryFile.column("kind"))
            for (index, row) in boundaryFile.rows.enumerated() {
                if row[kindColumn] == "generic" {
                    generic.insert(String(row[column]))
                } else {
                    lexicon.add(String(row[column]), .init(kind: .nameBoundary, index: Int32(index), form: .official))
                }
            }
        }
        return generic
    }

    /// Sites and natural features share one file shape.
    private func namedPlaces(_ file: TSVFile) throws(KnowledgeError) -> [KnownSite] {
        guard !file.rows.isEmpty else { return [] }
        let columns = try (file.column("id"), file.column("name"), file.column("aliases"), file.column("kind"), file.column("place"))
        return file.rows.map { row in
            KnownSite(id: String(row[columns.0]), name: String(row[columns.1]), aliases: row[columns.2].listValues,
                      kind: String(row[columns.3]), place: places(row[columns.4]).first)
        }
    }

    // MARK: - Events and identity

    /// `events/event_words.tsv`: triggers (召开 → meeting), role words
    /// (主持 → chaired), narration and visit words.
    mutating func eventWords() throws(KnowledgeError) -> [EventWord] {
        let eventFile = try file("events/event_words.tsv")
        var words: [EventWord] = []
        if !eventFile.rows.isEmpty {
            let columns = try (eventFile.column("word"), eventFile.column("kind"), eventFile.column("value"))
            for (number, row) in eventFile.rows.enumerated() {
                guard let kind = EventWord.Kind(rawValue: String(row[columns.1])) else {
                    throw .malformed(file: eventFile.path, line: number + 2, problem: "unknown kind '\(row[columns.1])'")
                }
                words.append(EventWord(word: String(row[columns.0]), kind: kind, value: String(row[columns.2])))
            }
        }
        for (index, word) in words.enumerated() { lexicon.add(word.word, .init(kind: .eventWord, index: Int32(index), form: .official)) }
        return words
    }

    /// `events/known_events.tsv`: well-known historical happenings with
    /// their dates and the cues that name them (南腰界会师 1934-10-24/26).
    func knownEvents() throws(KnowledgeError) -> [KnownEvent] {
        let knownFile = try file("events/known_events.tsv")
        var known: [KnownEvent] = []
        guard !knownFile.rows.isEmpty else { return known }
        let columns = try (knownFile.column("id"), knownFile.column("date"), knownFile.column("type"), knownFile.column("cues"),
                           knownFile.column("name"), knownFile.column("description"))
        for (number, row) in knownFile.rows.enumerated() {
            let cues = row[columns.3].split(separator: ";").map(\.listValues)
            guard !cues.isEmpty, cues.allSatisfy({ !$0.isEmpty && $0.allSatisfy { !$0.isEmpty } }) else {
                throw .malformed(file: knownFile.path, line: number + 2, problem: "empty cue in '\(row[columns.3])'")
            }
            known.append(KnownEvent(id: String(row[columns.0]), date: String(row[columns.1]), type: String(row[columns.2]), cues: cues,
                                    name: String(row[columns.4]), description: String(row[columns.5])))
        }
        return known
    }

    /// `identity/decisions.tsv`: the curated decisions on node identity
    /// (same_as, not_same_as, rename, retype, reject).
    func identityDecisions(inFile path: String? = nil) throws(KnowledgeError) -> IdentityDecisions {
        let decisionFile = try TSVFile(path: path ?? folder + "/identity/decisions.tsv", optional: true)
        var decisions = IdentityDecisions()
        guard !decisionFile.rows.isEmpty else { return decisions }
        let columns = try (decisionFile.column("decision"), decisionFile.column("subject"), decisionFile.column("object"), decisionFile.column("note"))
        for (number, row) in decisionFile.rows.enumerated() {
            guard let kind = IdentityDecision.Kind(rawValue: String(row[columns.0])) else {
                throw .malformed(file: decisionFile.path, line: number + 2, problem: "unknown decision '\(row[columns.0])'")
            }
            let decision = IdentityDecision(kind, subject: String(row[columns.1]), object: String(row[columns.2]), note: String(row[columns.3]))
            if decision.kind == .retype, !IdentityDecision.types.contains(decision.object) {
                throw .malformed(file: decisionFile.path, line: number + 2, problem: "'\(decision.object)' is no node type (\(IdentityDecision.types.sorted().joined(separator: ", ")))")
            }
            decisions.append(decision)
        }
        return decisions
    }
}
