/// The provinces an article is about (gazetteer indices): the home
/// province and those of divisions it names. Rarely more than three, and
/// asked at nearly every county name, so a short list searched from the
/// front: a `Set` hashed the number at each question and each insertion
/// (Swift's hash is some hundred instructions), which the list answers in a
/// few.
struct ProvinceSet: Sendable, Equatable {
    private var members: [Int] = []

    init() {}

    init(_ provinces: some Sequence<Int>) {
        for province in provinces { insert(province) }
    }

    func contains(_ province: Int) -> Bool { members.contains(province) }

    mutating func insert(_ province: Int) {
        if !members.contains(province) { members.append(province) }
    }

    mutating func formUnion(_ other: ProvinceSet) {
        for province in other.members { insert(province) }
    }
}
