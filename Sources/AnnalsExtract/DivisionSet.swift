/// A few gazetteer divisions (indices): the provinces an article is about,
/// the divisions it has mentioned so far. Rarely more than a handful, and
/// asked at nearly every place name, so a short list searched from the
/// front, which answers in a few steps where a `Set` hashes the number at
/// each question and each insertion.
struct DivisionSet: Sendable, Equatable {
    private var members: [Int] = []

    init() {}

    func contains(_ division: Int) -> Bool { members.contains(division) }

    mutating func insert(_ division: Int) {
        if !members.contains(division) { members.append(division) }
    }

    mutating func formUnion(_ other: DivisionSet) {
        for division in other.members { insert(division) }
    }
}
