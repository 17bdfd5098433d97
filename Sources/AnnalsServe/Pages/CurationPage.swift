import AnnalsCurate
import AnnalsGraph
import AnnalsKnowledge
import AnnalsQuery

/// Corrections: the forms on an entity's page that merge, keep apart,
/// reject, rename and retype it, and the journal of decisions with undo.
enum CurationPage {
    /// The forms of an entity's page; a read-only workbench shows none.
    static func forms(for profile: EntityProfile) -> HTML {
        let subject: HTML = "<input type=\"hidden\" name=\"subject\" value=\"\(profile.key)\">"
        let note: HTML = "<input type=\"text\" name=\"note\" placeholder=\"why (kept with the decision)\">"
        let sources = Array(Set(profile.reports.map(\.source))).sorted()
        let reports = sources.map { source -> HTML in "<option value=\"\(source)\">in \(source)</option>" }
        let types = IdentityDecision.types.sorted().map { type -> HTML in
            "<option value=\"\(type)\"\(HTML(trusted: type == profile.type ? " selected" : ""))>\(type)</option>"
        }
        return """
            <section class="curate">
            <h2>Correct</h2>
            <form method="post" action="/curate/merge" class="merge">\(subject)
            <label>The same as <input type="text" name="target" list="merge-names" data-suggest required placeholder="another name"></label>
            <datalist id="merge-names"></datalist>\(note)<button type="submit">Merge</button></form>
            <form method="post" action="/curate/rename" class="rename">\(subject)
            <label>Name <input type="text" name="name" value="\(profile.name)" required></label>\(note)<button type="submit">Rename</button></form>
            <form method="post" action="/curate/retype" class="retype">\(subject)
            <label>Type <select name="type">\(types)</select></label>\(note)<button type="submit">Retype</button></form>
            <form method="post" action="/curate/reject" class="reject">\(subject)
            <label>No entity <select name="reports"><option value="">in every report</option>\(reports)</select></label>\(note)<button type="submit">Reject</button></form>
            \(HTML.when(sources.count > 1, keepApart(subject: subject, reports: reports, note: note)))
            <p class="note">Each correction changes the graph at once and is written to the decisions file; <a href="/curation">Corrections</a> lists them, with undo.</p>
            </section>
            """
    }

    private static func keepApart(subject: HTML, reports: [HTML], note: HTML) -> HTML {
        """
        <form method="post" action="/curate/keep-apart" class="keep-apart">\(subject)
        <label>Another of this name <select name="reports">\(reports)</select></label>\(note)<button type="submit">Keep apart</button></form>
        """
    }

    /// The journal, newest first, with the decision just taken at the top.
    static func render(_ journal: [CurationRecord], done: CurationRecord?, readOnly: Bool, decisionsPath: String) -> HTML {
        let rows = journal.reversed().map { record -> HTML in
            let undo: HTML = record.undoneAt != nil || readOnly ? "" : """
                <form method="post" action="/curate/undo"><input type="hidden" name="number" value="\(Int(record.number))"><button type="submit">Undo</button></form>
                """
            let state: HTML = record.undoneAt.map { at -> HTML in "<span class=\"undone\">undone \(at)</span>" } ?? ""
            return """
                <tr id="decision-\(Int(record.number))" class="\(record.undoneAt == nil ? "held" : "undone")"><td>\(Int(record.number))</td><td>\(record.decidedAt)</td>
                <td>\(describe(record.decision))</td><td>\(record.decision.note)</td><td>\(record.sources.count)</td><td>\(state)\(undo)</td></tr>
                """
        }
        let message: HTML = done.map { record -> HTML in
            "<p class=\"done\">\(record.undoneAt == nil ? "Applied" : "Undone"): \(describe(record.decision)); \(record.sources.count) report\(record.sources.count == 1 ? "" : "s") rewritten.</p>"
        } ?? ""
        let body: HTML = """
            <h1>Corrections</h1>
            \(message)
            \(HTML.when(readOnly, "<p class=\"note\">This workbench is read-only: it lists the decisions but takes none.</p>"))
            <p class="note">Decisions are kept in the store's journal and in <code>\(decisionsPath)</code>, which every build reads.
            Correct a node from its page (search for it above).</p>
            \(HTML.when(journal.isEmpty, "<p class=\"empty\">No decisions yet.</p>"))
            <table class="journal"><thead><tr><th>#</th><th>When</th><th>Decision</th><th>Why</th><th>Reports</th><th></th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return Layout.page(title: "Corrections", body)
    }

    /// A decision in words, its nodes linked.
    static func describe(_ decision: IdentityDecision) -> HTML {
        let subject = Layout.entityLink(decision.subject, type: nil)
        switch decision.kind {
        case .sameAs: return "merged \(subject) into \(Layout.entityLink(decision.object, type: nil))"
        case .notSameAs: return "kept \(subject) in reports with “\(decision.object)” apart"
        case .rename: return "renamed \(subject) to \(decision.object)"
        case .retype: return "made \(subject) a \(decision.object)"
        case .reject:
            return decision.object.isEmpty ? "rejected \(subject) in every report" : "rejected \(subject) in reports with “\(decision.object)”"
        }
    }
}
