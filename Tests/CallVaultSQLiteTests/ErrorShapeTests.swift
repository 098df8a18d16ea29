import CallVault
import CallVaultAccess
import CallVaultAudit
import CallVaultCapture
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultFileStore
import CallVaultRetention
import CallVaultSQLite
import Foundation
import GRDB
import Testing

/// Every public error type's stable codes, by type name: the contract hosts match and alert on.
enum ErrorCodeCatalog {
    static let all: [(type: String, codes: [String])] = [
        ("CoreError", CoreError.Code.all.map(\.rawValue)),
        ("PrincipalIDError", PrincipalIDError.Code.all.map(\.rawValue)),
        ("ByteSourceError", ByteSourceError.Code.all.map(\.rawValue)),
        ("CryptoError", CryptoError.Code.all.map(\.rawValue)),
        ("EnvelopeError", EnvelopeError.Code.all.map(\.rawValue)),
        ("SignedDocumentError", SignedDocumentError.Code.all.map(\.rawValue)),
        ("FileError", FileError.Code.all.map(\.rawValue)),
        ("WeakPassphraseError", WeakPassphraseError.Code.all.map(\.rawValue)),
        ("DisclosureError", DisclosureError.Code.all.map(\.rawValue)),
        ("ConsentCatalogError", ConsentCatalogError.Code.all.map(\.rawValue)),
        ("ConsentStateMachineError", ConsentStateMachineError.Code.all.map(\.rawValue)),
        ("RecorderError", RecorderError.Code.all.map(\.rawValue)),
        ("WAVWriterError", WAVWriterError.Code.all.map(\.rawValue)),
        ("WAVFormatError", WAVFormatError.Code.all.map(\.rawValue)),
        ("WAVFileError", WAVFileError.Code.all.map(\.rawValue)),
        ("WAVUnkeptContentError", WAVUnkeptContentError.Code.all.map(\.rawValue)),
        ("LegalHoldError", LegalHoldError.Code.all.map(\.rawValue)),
        ("RetentionStoreError", RetentionStoreError.Code.all.map(\.rawValue)),
        ("RetentionCatalogError", RetentionCatalogError.Code.all.map(\.rawValue)),
        ("RetentionRuleIDError", RetentionRuleIDError.Code.all.map(\.rawValue)),
        ("RetentionPeriodError", RetentionPeriodError.Code.all.map(\.rawValue)),
        ("ErasureError", ErasureError.Code.all.map(\.rawValue)),
        ("RetentionSweepError", RetentionSweepError.Code.all.map(\.rawValue)),
        ("RetentionPolicyError", RetentionPolicyError.Code.all.map(\.rawValue)),
        ("RetentionScheduleError", RetentionScheduleError.Code.all.map(\.rawValue)),
        ("AuditError", AuditError.Code.all.map(\.rawValue)),
        ("AccessPolicyError", AccessPolicyError.Code.all.map(\.rawValue)),
        ("AccessDescriptionError", AccessDescriptionError.Code.all.map(\.rawValue)),
        ("GrantError", GrantError.Code.all.map(\.rawValue)),
        ("ComplaintError", ComplaintError.Code.all.map(\.rawValue)),
        ("LaterConsentError", LaterConsentError.Code.all.map(\.rawValue)),
        ("StorageError", StorageError.Code.all.map(\.rawValue)),
        ("RecordingSessionError", RecordingSessionError.Code.all.map(\.rawValue)),
        ("PlaybackError", PlaybackError.Code.all.map(\.rawValue)),
        ("RecordingImportError", RecordingImportError.Code.all.map(\.rawValue)),
        ("ExportError", ExportError.Code.all.map(\.rawValue)),
        ("SQLiteVaultError", SQLiteVaultError.Code.all.map(\.rawValue)),
        ("VaultDatabaseError", VaultDatabaseError.Code.all.map(\.rawValue)),
        ("CatalogIntegrityError", CatalogIntegrityError.Code.all.map(\.rawValue)),
        ("VaultFolderError", VaultFolderError.Code.all.map(\.rawValue)),
        ("VaultFilesError", VaultFilesError.Code.all.map(\.rawValue)),
        ("VaultAuditLogError", VaultAuditLogError.Code.all.map(\.rawValue)),
        ("FileStoreError", FileStoreError.Code.all.map(\.rawValue)),
    ]
}

/// The shape every CallVault error has (issue 13, item 1): stable, unique codes; matching by code
/// in a `catch` for kinds with and without details; equality on the details, not the cause; and the
/// cause kept as a value.
@Suite("Error shape")
struct ErrorShapeTests {
    @Test("every code is unique across the SDK and reads prefix.kebab-case, one prefix per type")
    func codesAreUniqueAndWellFormed() throws {
        let pattern = try Regex("^[a-z]+\\.[a-z0-9-]+$")
        var seen: [String: String] = [:]
        var prefixOwner: [String: String] = [:]
        for (type, codes) in ErrorCodeCatalog.all {
            #expect(!codes.isEmpty, "\(type) lists no codes")
            #expect(Set(codes).count == codes.count, "\(type) lists a code twice")
            for code in codes {
                #expect(code.wholeMatch(of: pattern) != nil, "\(type): '\(code)' is not prefix.kebab-case")
                if let other = seen[code], other != type { Issue.record("'\(code)' is used by \(other) and \(type)") }
                seen[code] = type
                let prefix = String(code.prefix { $0 != "." })
                if let owner = prefixOwner[prefix], owner != type {
                    Issue.record("prefix '\(prefix)' is used by \(owner) and \(type)")
                }
                prefixOwner[prefix] = type
            }
        }
        #expect(ErrorCodeCatalog.all.count == 43)
    }

    @Test("every public type in Sources that conforms to CallVaultError is in the catalog")
    func catalogCoversEveryErrorType() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        // The error protocols: CallVaultError itself, or the package refinements that give a family
        // of errors its equality once.
        let pattern = try Regex(
            "public struct ([A-Za-z]+): (CallVaultError|CallVaultReasonedError|FileOperationError)(?![A-Za-z])")
        var declared: Set<String> = []
        let files = FileManager.default.enumerator(atPath: root.appendingPathComponent("Sources").path)
        while let file = files?.nextObject() as? String {
            guard file.hasSuffix(".swift") else { continue }
            let text = try String(
                contentsOf: root.appendingPathComponent("Sources").appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: pattern) {
                if let name = match.output[1].substring { declared.insert(String(name)) }
            }
        }
        #expect(declared.count >= 43, "the scan found too few error types: \(declared.sorted())")
        let listed = Set(ErrorCodeCatalog.all.map(\.type))
        #expect(
            declared.subtracting(listed).isEmpty, "not in ErrorCodeCatalog: \(declared.subtracting(listed).sorted())")
    }

    @Test("Documentation/ErrorHandling.md lists each error type under the module that declares it")
    func documentListsEachTypeUnderItsModule() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let sources = root.appendingPathComponent("Sources")
        // The error protocols: CallVaultError itself, or the package refinements that give a family
        // of errors its equality once.
        let pattern = try Regex(
            "public struct ([A-Za-z]+): (CallVaultError|CallVaultReasonedError|FileOperationError)(?![A-Za-z])")
        var moduleOf: [String: String] = [:]
        let files = FileManager.default.enumerator(atPath: sources.path)
        while let file = files?.nextObject() as? String {
            guard file.hasSuffix(".swift"), let module = file.split(separator: "/").first else { continue }
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: pattern) {
                if let name = match.output[1].substring { moduleOf[String(name)] = String(module) }
            }
        }
        let document = try String(
            contentsOf: root.appendingPathComponent("Documentation/ErrorHandling.md"), encoding: .utf8)
        // The heading each type's table (a line holding only `Type`) follows.
        var sectionOf: [String: String] = [:]
        var section = ""
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("### ") { section = String(line.dropFirst(4)) }
            if line.count > 2, line.hasPrefix("`"), line.hasSuffix("`"), !line.dropFirst().dropLast().contains("`") {
                sectionOf[String(line.dropFirst().dropLast())] = section
            }
        }
        #expect(moduleOf["VaultFolderError"] == "CallVaultFileStore", "the scan read where types are declared")
        for (type, module) in moduleOf {
            #expect(
                sectionOf[type] == module,
                "\(type) is declared in \(module), its table is under '\(sectionOf[type] ?? "nothing")'")
        }
    }

    @Test("every kind's code is in its type's Code.all")
    func everyKindIsListed() {
        #expect(EnvelopeError.Code.all.contains(EnvelopeError.writerClosed.code))
        #expect(EnvelopeError.Code.all.contains(EnvelopeError.segmentTampered(index: 1).code))
        #expect(VaultAuditLogError.Code.all.count == 7)
        #expect(EnvelopeError.Code.all.count == 22)
    }

    @Test("catch Type.kind matches a kind with details, and not another kind or another type's error")
    func catchMatchesKindsWithDetails() {
        func caught(_ error: any Error) -> String {
            do {
                throw error
            } catch EnvelopeError.segmentTampered {
                return "segment"
            } catch EnvelopeError.truncated {
                return "truncated"
            } catch {
                return "other"
            }
        }
        #expect(caught(EnvelopeError.segmentTampered(index: 4)) == "segment")
        #expect(caught(EnvelopeError.truncated(intactSegments: 2, trailingBytes: 9)) == "truncated")
        #expect(caught(EnvelopeError.malformedHeader(reason: "x")) == "other")
        #expect(caught(CryptoError.malformedFingerprint("x")) == "other")
    }

    @Test("catch Type.kind matches a kind without details, and not the same name in another type")
    func catchMatchesKindsWithoutDetails() {
        func caught(_ error: any Error) -> String {
            do {
                throw error
            } catch CryptoError.signatureInvalid {
                return "crypto"
            } catch SignedDocumentError.signatureInvalid {
                return "document"
            } catch EnvelopeError.headerTampered {
                return "header"
            } catch {
                return "other"
            }
        }
        #expect(caught(CryptoError.signatureInvalid) == "crypto")
        #expect(caught(SignedDocumentError.signatureInvalid) == "document")
        #expect(caught(EnvelopeError.headerTampered) == "header")
        #expect(caught(EnvelopeError.keyCommitmentMismatch) == "other")
        #expect(caught(CoreError.invalidPurpose("x")) == "other")
    }

    @Test("any CallVaultError gives the code and message of every error")
    func existentialCatchAll() {
        let errors: [any Error] = [
            EnvelopeError.headerTampered, AuditError.tornTail(path: "a.log", line: 3, byteCount: 9),
            VaultDatabaseError.missing(path: "v.sqlite"),
        ]
        for error in errors {
            guard let error = error as? any CallVaultError else {
                Issue.record("\(error) is not a CallVaultError")
                continue
            }
            #expect("\(error.code)".contains("."))
            #expect(error.description == error.message)
        }
    }

    @Test("equality compares the kind and its details, never the underlying cause")
    func equalityIgnoresUnderlying() {
        let plain = SQLiteVaultError.io(path: "/v", operation: "open", reason: "denied")
        let caused = SQLiteVaultError(
            .io(path: "/v", operation: "open", reason: "denied"), underlying: POSIXError(.EACCES))
        #expect(plain == caused)
        #expect(caused.underlying != nil)
        #expect(plain != SQLiteVaultError.io(path: "/w", operation: "open", reason: "denied"))
        #expect(
            FileError(operation: "open", path: "/v", reason: "x", underlying: POSIXError(.EIO))
                == FileError(operation: "open", path: "/v", reason: "x"))
    }

    @Test("a failed system call keeps its errno as a POSIXError underlying cause")
    func ioKeepsErrno() throws {
        let missing = FileManager.default.temporaryDirectory
            .appendingPathComponent("callvault-no-such-folder-\(UUID().uuidString)/out.wav").path
        let error = #expect(throws: WAVFileError.self) { _ = try WAVFileOutput(path: missing) }
        let cause = try #require(error?.underlying as? POSIXError)
        #expect(cause.code == .ENOENT)
    }

    @Test("the SQLite vault's failed system calls keep their errno as a POSIXError underlying cause")
    func sqliteIOKeepsErrno() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("callvault-shape-\(UUID().uuidString)")
        try Data("not a folder".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        // A vault "inside" a regular file: stat fails with ENOTDIR.
        let error = #expect(throws: SQLiteVaultError.self) { _ = try SQLiteVault.create(atPath: file.path + "/vault") }
        #expect(error?.code == .io)
        let cause = try #require(error?.underlying as? POSIXError)
        #expect(cause.code == .ENOTDIR)
    }

    @Test("a damaged database keeps GRDB's DatabaseError as the underlying cause")
    func databaseKeepsGRDBError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "callvault-shape-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("vault").path
        _ = try SQLiteVault.create(atPath: path)
        try Data(repeating: 0x41, count: 8_192).write(to: URL(fileURLWithPath: "\(path)/vault.sqlite"))
        let error = #expect(throws: VaultDatabaseError.self) { _ = try SQLiteVault.open(atPath: path) }
        #expect(error?.code == .notADatabase)
        let cause = try #require(error?.underlying as? DatabaseError)
        #expect(cause.resultCode == .SQLITE_NOTADB || cause.resultCode == .SQLITE_CORRUPT)
    }

    @Test("an error wrapping another CallVault error keeps it whole as the underlying cause")
    func nestedKeepsTheInnerError() throws {
        let error = #expect(throws: RetentionPolicyError.self) {
            _ = try RetentionPolicySet(json: Data("{ \"version\": 3 }".utf8))
        }
        #expect(error?.code == .malformedFile)
        #expect(error?.underlying is DecodingError)
        let described = #expect(throws: AccessDescriptionError.self) {
            _ = try Principal(json: #"{ "id": "alice smith", "roles": ["agent"] }"#)
        }
        #expect(described?.problem.underlying is PrincipalIDError)
        #expect(described?.underlying as? AccessPolicyError == described?.problem)
    }

    @Test("Documentation/ErrorHandling.md lists every code, under its type")
    func documentListsEveryCode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let document = try String(
            contentsOf: root.appendingPathComponent("Documentation/ErrorHandling.md"), encoding: .utf8)
        for (type, codes) in ErrorCodeCatalog.all {
            #expect(document.contains("`\(type)`"), "\(type) has no table")
            for code in codes {
                #expect(document.contains("| `\(code)` |"), "\(type)'s code \(code) is not in ErrorHandling.md")
            }
        }
    }
}
