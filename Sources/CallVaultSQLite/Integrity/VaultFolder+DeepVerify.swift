import CallVault
import CallVaultCore
public import CallVaultCrypto
import Foundation

extension VaultFolder {
    /// ``verifyIntegrity()``, then, with the vault's passphrase, every segment of every complete
    /// or incomplete recording authenticated under its data key (unwrapped with the vault's
    /// recipient identity, held in secure memory and never written anywhere): a flipped bit
    /// anywhere in a blob is found. Reads only: no plaintext is kept, nothing is written.
    ///
    /// A recording whose blob already has a keyless problem, or whose keys are gone, is not
    /// decrypted again; its problems are those of ``verifyIntegrity()``.
    ///
    /// - Throws: the errors of ``verifyIntegrity()``; CallVaultCrypto's `wrongPassphrase` for
    ///   a wrong passphrase.
    public func verifyIntegrity(deepWith passphrase: Passphrase) async throws -> DatabaseIntegrityReport {
        let identity = try IdentityFile.open(try read(identityFile, role: "recipient identity"), passphrase: passphrase)
        let shallow = try await verifyIntegrity()
        let stores = try stores()
        let key = try verifyingKey()
        let skipped = Set(
            shallow.problems.filter { $0.kind.isKeylessBlobProblem || $0.kind == .keysMissingWithoutDeletion }
                .compactMap(\.recording))
        var problems = shallow.problems
        var cursor: RecordingID?
        while true {
            let page = try await stores.catalog.entries(after: cursor, limit: 500, verifyingKey: key)
            for entry in page {
                guard let recording = entry.recording, !skipped.contains(recording.id),
                    recording.state == .complete || recording.state == .incomplete
                else { continue }
                let wraps = try await stores.keys.wraps(for: recording.contentID)
                guard !wraps.isEmpty else { continue }
                if let problem = DeepBlobCheck.problem(
                    of: recording, wraps: wraps, identity: identity, blobs: stores.blobs)
                {
                    problems.append(problem)
                }
            }
            guard page.count == 500, let last = page.last else { break }
            cursor = last.id
        }
        // Keep the report's order: a recording's problems together, in catalog order.
        let order = Dictionary(
            shallow.problems.enumerated().compactMap { index, problem in problem.recording.map { ($0, index) } },
            uniquingKeysWith: min)
        let sorted = problems.enumerated().sorted { lhs, rhs in
            let left = lhs.element.recording.flatMap { order[$0] } ?? lhs.offset
            let right = rhs.element.recording.flatMap { order[$0] } ?? rhs.offset
            return (left, lhs.offset) < (right, rhs.offset)
        }.map(\.element)
        return DatabaseIntegrityReport(recordings: shallow.recordings, problems: sorted)
    }
}

/// Authenticating one recording's every segment.
enum DeepBlobCheck {
    static func problem(
        of recording: RecordingEntry, wraps: [WrappedDataKey], identity: Identity, blobs: FileBlobStore
    ) -> DatabaseIntegrityProblem? {
        func problem(_ kind: DatabaseIntegrityProblem.Kind, _ detail: String) -> DatabaseIntegrityProblem {
            DatabaseIntegrityProblem(recording: recording.id, hold: nil, kind: kind, detail: detail)
        }
        do {
            let reader = try EnvelopeReader(
                source: try blobs.source(for: recording.contentID), wraps: wraps, identity: identity)
            try reader.verify(allowIncomplete: recording.state == .incomplete)
            return nil
        } catch let error as EnvelopeError {
            switch error.reason {
            case .segmentTampered, .endMarkerTampered, .headerTampered, .keyCommitmentMismatch, .truncated:
                return problem(.blobSegmentInvalid, "its blob does not authenticate under its data key: \(error)")
            default:
                return problem(.blobUnreadable, "its blob cannot be opened with the vault's key: \(error)")
            }
        } catch {
            return problem(.blobUnreadable, "its blob cannot be opened with the vault's key: \(error)")
        }
    }
}
