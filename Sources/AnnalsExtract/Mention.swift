import AnnalsModel

extension Mention {
    /// A mention whose canonical name is its text (a name found by its
    /// shape, not in a list): the string is built once for both.
    init(type: MentionType, range: Range<Int>, sameTextAndName text: String, roles: [String] = []) {
        self.init(type: type, range: range, text: text, name: text, roles: roles)
    }
}
