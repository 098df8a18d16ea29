/// A store that broke one of its seam's guarantees: which seam, which guarantee, and what it did.
///
/// ``StoreConformance`` throws it on the first violation, so a vendor's test fails with a
/// sentence that names the promise their store does not keep.
public struct ConformanceFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The seam: `BlobStore`, `KeyStore`, `RecordingCatalog`, `RetentionStore` or `AuditSink`.
    public let seam: String
    /// The guarantee broken, as named in the suite's list (for example
    /// ``StoreConformance/keyStoreGuarantees``).
    public let guarantee: String
    /// What the store did instead.
    public let detail: String

    /// Describes a violation.
    public init(seam: String, guarantee: String, detail: String) {
        self.seam = seam
        self.guarantee = guarantee
        self.detail = detail
    }

    /// `<seam> does not keep "<guarantee>": <detail>`.
    public var description: String { "\(seam) does not keep \"\(guarantee)\": \(detail)" }
}

/// The expectations of one guarantee's check: each failed one throws a ``ConformanceFailure``
/// naming the guarantee.
struct Expect: Sendable {
    let seam: String
    let guarantee: String

    func failure(_ detail: String) -> ConformanceFailure {
        ConformanceFailure(seam: seam, guarantee: guarantee, detail: detail)
    }

    func that(_ condition: Bool, _ detail: @autoclosure () -> String) throws(ConformanceFailure) {
        if !condition { throw failure(detail()) }
    }

    func equal<Value: Equatable>(_ actual: Value, _ expected: Value, _ what: String) throws(ConformanceFailure) {
        if actual != expected { throw failure("\(what): expected \(expected), got \(actual)") }
    }

    /// Runs `body`, which must throw `expected`.
    func throwing<Failure: Error & Equatable>(
        _ expected: Failure, _ what: String, _ body: () async throws -> Void
    ) async throws(ConformanceFailure) {
        do {
            try await body()
        } catch let error as Failure where error == expected {
            return
        } catch {
            throw failure("\(what): expected \(expected), got \(type(of: error)): \(error)")
        }
        throw failure("\(what): expected \(expected), but it succeeded")
    }
}

/// One guarantee of a seam and the check that shows a store keeps it.
struct Guarantee<Store>: Sendable {
    let name: String
    let check: @Sendable (Store, Expect) async throws -> Void

    init(_ name: String, _ check: @escaping @Sendable (Store, Expect) async throws -> Void) {
        self.name = name
        self.check = check
    }
}

/// Runs guarantees' checks, each on a fresh store.
enum ConformanceRunner {
    static func run<Store>(
        seam: String, guarantees: [Guarantee<Store>], only name: String?, makeStore: () async throws -> Store
    ) async throws {
        let selected = name.map { name in guarantees.filter { $0.name == name } } ?? guarantees
        if let name, selected.isEmpty {
            throw ConformanceFailure(
                seam: seam, guarantee: name,
                detail: "no such guarantee; the names are: \(guarantees.map(\.name).joined(separator: "; "))")
        }
        for guarantee in selected {
            let expect = Expect(seam: seam, guarantee: guarantee.name)
            do {
                let store = try await makeStore()
                try await guarantee.check(store, expect)
            } catch let failure as ConformanceFailure {
                throw failure
            } catch {
                throw expect.failure("unexpected error \(type(of: error)): \(error)")
            }
        }
    }
}
