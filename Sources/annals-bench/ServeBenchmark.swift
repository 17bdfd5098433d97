import AnnalsQuery
import AnnalsServe
import AsyncHTTPClient
import Foundation
import NIOCore

/// The workbench under a loopback load: `annals serve`'s application on a
/// free port of this machine, asked for the timeline page of a district a
/// bounded number of times, one request after another, by a real HTTP
/// client; latency from request to the last byte of the page.
struct ServeBenchmark {
    let engine: QueryEngine
    let requests = 200

    struct Result { var p50: Double; var p95: Double; var meanBytes: Double; var failures: Int }

    /// Runs the load; nil when the store holds no district.
    func run() throws -> Result? {
        let places = try engine.store.reading { try $0.placeNames(kinds: ["district", "county"]) }
        guard !places.isEmpty else { return nil }
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.result = await measure(places)
            done.signal()
        }
        done.wait()
        return box.result
    }

    private func measure(_ places: [String]) async -> Result? {
        let bound = AsyncStream<Int>.makeStream()
        let application = Workbench(engine: engine, options: .init(readOnly: true)).application(host: "127.0.0.1", port: 0, logLevel: .critical) { port in
            bound.continuation.yield(port)
        }
        let server = Task { try await application.runService() }
        defer { server.cancel() }
        guard let port = await bound.stream.first(where: { _ in true }) else { return nil }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        var generator = SplitMix64(seed: 19491001)
        var latencies: [Double] = []
        var bytes = 0, failures = 0
        for _ in 0..<requests {
            let place = places[Int(generator.next() % UInt64(places.count))]
            let url = "http://127.0.0.1:\(port)/timeline?place=" + (place.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? place)
            let start = DispatchTime.now().uptimeNanoseconds
            do {
                let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
                let body = try await response.body.collect(upTo: 64 << 20)
                latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                if response.status != .ok { failures += 1 }
                bytes += body.readableBytes
            } catch {
                failures += 1
            }
        }
        try? await client.shutdown()
        guard !latencies.isEmpty else { return nil }
        latencies.sort()
        return Result(p50: latencies[latencies.count / 2], p95: latencies[latencies.count * 95 / 100],
                      meanBytes: Double(bytes) / Double(latencies.count), failures: failures)
    }

    private final class ResultBox: @unchecked Sendable { var result: Result? }
}
