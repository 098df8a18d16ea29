public import CallVault
public import CallVaultAudit
public import CallVaultRetention

/// One conformance suite per storage seam, for any implementation: the test kit's in-memory
/// stores, the SQLite vault, PostgreSQL, or a vendor's own.
///
/// Each suite runs named checks, one per guarantee, each on a fresh store from `makeStore`, and
/// throws a ``ConformanceFailure`` at the first violation. It depends on no test framework, so it
/// runs under Swift Testing, XCTest or a plain executable:
///
/// ```swift
/// @Test func myBlobStoreConforms() async throws {
///     try await StoreConformance.checkBlobStore { try MyBlobStore(directory: freshFolder()) }
/// }
///
/// // Or one test case per guarantee:
/// @Test(arguments: StoreConformance.blobStoreGuarantees)
/// func myBlobStore(_ guarantee: String) async throws {
///     try await StoreConformance.checkBlobStore(guarantee) { try MyBlobStore(directory: freshFolder()) }
/// }
/// ```
///
/// `makeStore` must return an empty store each time (a new folder, a new database or schema).
public enum StoreConformance: Sendable {
    // MARK: BlobStore

    /// The names of the `BlobStore` guarantees, in the order they are checked.
    public static var blobStoreGuarantees: [String] { BlobStoreConformance.guarantees.map(\.name) }

    /// Checks every `BlobStore` guarantee, each on a fresh store.
    ///
    /// - Throws: ``ConformanceFailure`` at the first guarantee broken.
    public static func checkBlobStore(_ makeStore: () async throws -> any BlobStore) async throws {
        try await ConformanceRunner.run(
            seam: BlobStoreConformance.seam, guarantees: BlobStoreConformance.guarantees, only: nil,
            makeStore: makeStore)
    }

    /// Checks one `BlobStore` guarantee, named as in ``blobStoreGuarantees``, on a fresh store.
    public static func checkBlobStore(_ guarantee: String, _ makeStore: () async throws -> any BlobStore) async throws {
        try await ConformanceRunner.run(
            seam: BlobStoreConformance.seam, guarantees: BlobStoreConformance.guarantees, only: guarantee,
            makeStore: makeStore)
    }

    // MARK: KeyStore

    /// The names of the `KeyStore` guarantees, in the order they are checked.
    public static var keyStoreGuarantees: [String] { KeyStoreConformance.guarantees.map(\.name) }

    /// Checks every `KeyStore` guarantee, each on a fresh store.
    ///
    /// - Throws: ``ConformanceFailure`` at the first guarantee broken.
    public static func checkKeyStore(_ makeStore: () async throws -> any KeyStore) async throws {
        try await ConformanceRunner.run(
            seam: KeyStoreConformance.seam, guarantees: KeyStoreConformance.guarantees, only: nil, makeStore: makeStore)
    }

    /// Checks one `KeyStore` guarantee, named as in ``keyStoreGuarantees``, on a fresh store.
    public static func checkKeyStore(_ guarantee: String, _ makeStore: () async throws -> any KeyStore) async throws {
        try await ConformanceRunner.run(
            seam: KeyStoreConformance.seam, guarantees: KeyStoreConformance.guarantees, only: guarantee,
            makeStore: makeStore)
    }

    // MARK: RecordingCatalog

    /// The names of the `RecordingCatalog` guarantees, in the order they are checked.
    public static var recordingCatalogGuarantees: [String] { RecordingCatalogConformance.guarantees.map(\.name) }

    /// Checks every `RecordingCatalog` guarantee, each on a fresh catalog.
    ///
    /// - Throws: ``ConformanceFailure`` at the first guarantee broken.
    public static func checkRecordingCatalog(_ makeStore: () async throws -> any RecordingCatalog) async throws {
        try await ConformanceRunner.run(
            seam: RecordingCatalogConformance.seam, guarantees: RecordingCatalogConformance.guarantees, only: nil,
            makeStore: makeStore)
    }

    /// Checks one `RecordingCatalog` guarantee, named as in ``recordingCatalogGuarantees``.
    public static func checkRecordingCatalog(
        _ guarantee: String, _ makeStore: () async throws -> any RecordingCatalog
    ) async throws {
        try await ConformanceRunner.run(
            seam: RecordingCatalogConformance.seam, guarantees: RecordingCatalogConformance.guarantees,
            only: guarantee, makeStore: makeStore)
    }

    // MARK: RetentionStore

    /// The names of the `RetentionStore` guarantees, in the order they are checked.
    public static var retentionStoreGuarantees: [String] { RetentionStoreConformance.guarantees.map(\.name) }

    /// Checks every `RetentionStore` guarantee, each on a fresh store.
    ///
    /// - Throws: ``ConformanceFailure`` at the first guarantee broken.
    public static func checkRetentionStore(_ makeStore: () async throws -> any RetentionStore) async throws {
        try await ConformanceRunner.run(
            seam: RetentionStoreConformance.seam, guarantees: RetentionStoreConformance.guarantees, only: nil,
            makeStore: makeStore)
    }

    /// Checks one `RetentionStore` guarantee, named as in ``retentionStoreGuarantees``.
    public static func checkRetentionStore(
        _ guarantee: String, _ makeStore: () async throws -> any RetentionStore
    ) async throws {
        try await ConformanceRunner.run(
            seam: RetentionStoreConformance.seam, guarantees: RetentionStoreConformance.guarantees, only: guarantee,
            makeStore: makeStore)
    }

    // MARK: AuditSink

    /// The names of the `AuditSink` guarantees, in the order they are checked.
    public static var auditSinkGuarantees: [String] { AuditSinkConformance.guarantees.map(\.name) }

    /// Checks every `AuditSink` guarantee, each on a fresh, empty sink.
    ///
    /// - Throws: ``ConformanceFailure`` at the first guarantee broken.
    public static func checkAuditSink(_ makeSink: () async throws -> any AuditSink) async throws {
        try await ConformanceRunner.run(
            seam: AuditSinkConformance.seam, guarantees: AuditSinkConformance.guarantees, only: nil,
            makeStore: makeSink)
    }

    /// Checks one `AuditSink` guarantee, named as in ``auditSinkGuarantees``, on a fresh sink.
    public static func checkAuditSink(_ guarantee: String, _ makeSink: () async throws -> any AuditSink) async throws {
        try await ConformanceRunner.run(
            seam: AuditSinkConformance.seam, guarantees: AuditSinkConformance.guarantees, only: guarantee,
            makeStore: makeSink)
    }

    // MARK: ComplaintStore

    /// The names of the `ComplaintStore` guarantees, in the order they are checked.
    public static var complaintStoreGuarantees: [String] { ComplaintStoreConformance.guarantees.map(\.name) }

    /// Checks one `ComplaintStore` guarantee (or all, for `nil`), each on a fresh store.
    ///
    /// - Throws: ``ConformanceFailure`` at the first guarantee broken.
    public static func checkComplaintStore(
        _ guarantee: String? = nil, _ makeStore: () async throws -> any ComplaintStore
    ) async throws {
        try await ConformanceRunner.run(
            seam: ComplaintStoreConformance.seam, guarantees: ComplaintStoreConformance.guarantees, only: guarantee,
            makeStore: makeStore)
    }

    // MARK: TrainingRegister

    /// The names of the `TrainingRegister` guarantees, in the order they are checked.
    public static var trainingRegisterGuarantees: [String] { TrainingRegisterConformance.guarantees.map(\.name) }

    /// Checks one `TrainingRegister` guarantee (or all, for `nil`), each on a fresh register.
    ///
    /// - Throws: ``ConformanceFailure`` at the first guarantee broken.
    public static func checkTrainingRegister(
        _ guarantee: String? = nil, _ makeStore: () async throws -> any TrainingRegister
    ) async throws {
        try await ConformanceRunner.run(
            seam: TrainingRegisterConformance.seam, guarantees: TrainingRegisterConformance.guarantees,
            only: guarantee, makeStore: makeStore)
    }
}
