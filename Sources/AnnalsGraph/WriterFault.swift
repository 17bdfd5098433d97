import Foundation
import Synchronization

/// A crash on purpose, at a moment the tests choose, so that they can prove
/// a killed build leaves every committed report whole without racing a
/// real kill against the writer's speed.
///
/// Set in the environment of `annals build`:
/// - `ANNALS_FAULT=kill-after-commit:N` kills the process (SIGKILL, no
///   clean-up) right after its N-th commit, before the reports of that
///   commit are announced;
/// - `ANNALS_FAULT=kill-inside-report:N` kills it while the N-th report of
///   the process is half written (its rows inserted, nothing committed).
///
/// Unset, or set to anything else, nothing happens.
final class WriterFault: Sendable {
    enum Moment: Equatable, Sendable {
        case afterCommit(Int)
        case insideReport(Int)
    }

    let moment: Moment
    private let counts = Mutex((commits: 0, reports: 0))

    init?(_ setting: String?) {
        guard let setting, let colon = setting.firstIndex(of: ":"),
              let count = Int(setting[setting.index(after: colon)...]), count > 0 else { return nil }
        switch setting[..<colon] {
        case "kill-after-commit": moment = .afterCommit(count)
        case "kill-inside-report": moment = .insideReport(count)
        default: return nil
        }
    }

    /// The fault the environment asks for, if any.
    static let configured = WriterFault(ProcessInfo.processInfo.environment["ANNALS_FAULT"])

    /// Called after each commit of reports.
    func committed() {
        let commits = counts.withLock { counts in
            counts.commits += 1
            return counts.commits
        }
        if moment == .afterCommit(commits) { die() }
    }

    /// Called when a report's rows are written and not yet committed.
    func reportWritten() {
        let reports = counts.withLock { counts in
            counts.reports += 1
            return counts.reports
        }
        if moment == .insideReport(reports) { die() }
    }

    private func die() -> Never {
        kill(getpid(), SIGKILL)
        // SIGKILL cannot be caught; this is never reached.
        fatalError("ANNALS_FAULT: SIGKILL was not delivered")
    }
}
