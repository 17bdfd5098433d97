import AnnalsExtract
import AnnalsText
import Dispatch
import Foundation

/// What happened to one report of a build.
public enum BuildOutcome: Sendable {
    case stored(IngestOutcome, articles: Int)
    case failed(String)
}

/// Reads, recognises and stores many reports: recognition runs on every
/// core a batch at a time, and the next batch is recognised while the
/// current one is stored (in input order, each report whole or not at all,
/// committed in groups of about a tenth of a second of writing), so memory
/// stays flat and both cores stay busy. A build of many reports into a
/// store that holds fewer is a bulk load: the store's reading indexes are
/// built after the reports are in (see ``GraphStore/readingIndexes``).
public struct BuildPipeline: Sendable {
    public let store: GraphStore
    public let batchSize: Int

    /// Seconds of writing after which the reports stored so far are
    /// committed (see ``GraphStore/ingest(_:commitAfter:committed:)``).
    public let commitAfter: Double
    /// Builds of at least this many reports may be bulk loads.
    public let bulkThreshold: Int

    public init(store: GraphStore, batchSize: Int = max(4, ProcessInfo.processInfo.activeProcessorCount * 4), commitAfter: Double = 0.1,
                bulkThreshold: Int = 100) {
        self.store = store
        self.batchSize = batchSize
        self.commitAfter = commitAfter
        self.bulkThreshold = bulkThreshold
    }

    /// Runs `produce` for inputs `0..<count` (read and recognise one report)
    /// and stores the results; `report` hears about each input in order.
    /// Throws only when, after every report was stored, the indexes of a
    /// bulk load could not be built (they are built on the next opening).
    public func run(count: Int, produce: @escaping @Sendable (Int) -> Result<Extraction, ReadError>,
                    report: (Int, BuildOutcome) -> Void) throws(StoreError) {
        guard count > 0 else { return }
        // If the indexes cannot be dropped, the load goes on with them.
        let bulk = store.shouldLoadInBulk(reports: count, threshold: bulkThreshold) && (try? store.beginBulkLoad()) != nil
        let batches = stride(from: 0, to: count, by: batchSize).map { $0..<min(count, $0 + batchSize) }
        var pending = Self.start(batches[0], produce: produce)
        for (number, batch) in batches.enumerated() {
            let results = pending.wait()
            if number + 1 < batches.count { pending = Self.start(batches[number + 1], produce: produce) }
            // The batch's good reports are stored in groups (see
            // GraphStore.ingest); outcomes are reported in input order, each
            // report's once its group has committed.
            var extractions: [Extraction] = []
            for case .success(let extraction) in results { extractions.append(extraction) }
            var cursor = 0      // the next input of the batch to report
            func reportReadFailures() {
                while cursor < results.count, case .failure(let error) = results[cursor] {
                    report(batch.lowerBound + cursor, .failed("\(error) (skipped)"))
                    cursor += 1
                }
            }
            store.ingest(extractions, commitAfter: commitAfter) { group in
                for outcome in group {
                    reportReadFailures()
                    guard case .success(let extraction) = results[cursor] else { continue }
                    switch outcome {
                    case .success(let result): report(batch.lowerBound + cursor, .stored(result, articles: extraction.articles.count))
                    case .failure(let error): report(batch.lowerBound + cursor, .failed("\(error)"))
                    }
                    cursor += 1
                }
            }
            reportReadFailures()
        }
        if bulk { try store.endBulkLoad() }
    }

    /// Recognition of one batch, running in the background.
    private final class PendingBatch: @unchecked Sendable {
        private var results: [Result<Extraction, ReadError>?]
        private let lock = NSLock()
        private let done = DispatchSemaphore(value: 0)

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ result: Result<Extraction, ReadError>) {
            lock.lock()
            results[index] = result
            lock.unlock()
        }

        func finish() { done.signal() }

        func wait() -> [Result<Extraction, ReadError>] {
            done.wait()
            return results.map { $0! }
        }
    }

    private static func start(_ batch: Range<Int>, produce: @escaping @Sendable (Int) -> Result<Extraction, ReadError>) -> PendingBatch {
        let pending = PendingBatch(count: batch.count)
        DispatchQueue.global().async {
            DispatchQueue.concurrentPerform(iterations: batch.count) { offset in
                pending.set(offset, produce(batch.lowerBound + offset))
            }
            pending.finish()
        }
        return pending
    }
}
