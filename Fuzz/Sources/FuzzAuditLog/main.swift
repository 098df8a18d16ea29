import CallVaultAudit
import CallVaultCrypto
import Foundation
import FuzzSupport

let witnessPath =
    (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : "/tmp")
    + "/callvault-fuzz-witness-\(getpid())"

/// The audit log's line parser and verifier (`callvault audit verify`, `vault audit`): any bytes
/// must give a verification report (intact, torn, tampered) and never a crash; the same bytes as a
/// witness file must give checkpoints or a typed error, and what a witness file gives is then held
/// against the log as well.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAuditLog(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = fuzzInput(start, count)
    let report = AuditVerifier().verify(contents: bytes)
    _ = report.description
    _ = report.problem?.kind.advice
    _ = report.unsignedEntries
    var witnessed: [AuditCheckpoint] = []
    if write(bytes, to: witnessPath) {
        witnessed = (try? AuditCheckpointFile.checkpoints(at: witnessPath)) ?? []
    }
    if let key = report.signer {
        _ = AuditVerifier(trustedKey: key, witnessed: witnessed).verify(contents: bytes).isIntact
    }
    return 0
}

/// Replaces the file at `path` with `bytes` (plain system calls: Foundation's atomic write would
/// cost a rename per execution).
func write(_ bytes: [UInt8], to path: String) -> Bool {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    return bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) } == bytes.count
}
