import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The exclusive lock a process holds on a vault folder while it has the vault open for writing:
/// an advisory `flock` on `vault.lock`, so two writers never append to one audit log file (their
/// entries would fork its hash chain). The operating system drops it when the process ends, so a
/// crash never leaves the vault locked.
final class VaultFolderLock: Sendable {
    let path: String
    private let descriptor: LockedState<Int32>

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = LockedState(descriptor)
    }

    deinit {
        release()
    }

    /// Takes the lock, creating the lock file (mode 0600) if needed.
    ///
    /// - Throws: ``VaultFolderError/inUse(path:)`` when another open holds it.
    static func acquire(folder: String, file: String) throws -> VaultFolderLock {
        let path = folder + "/" + file
        let descriptor = POSIXFiles.openFile(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw POSIXFiles.failure(path, "opening the vault's lock file", -descriptor) }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            close(descriptor)
            if code == EWOULDBLOCK { throw VaultFolderError.inUse(path: folder) }
            throw POSIXFiles.failure(path, "locking the vault", code)
        }
        return VaultFolderLock(path: folder, descriptor: descriptor)
    }

    /// Whether the lock is still held.
    var isHeld: Bool { descriptor.withLock { $0 >= 0 } }

    /// Drops the lock. Idempotent.
    func release() {
        descriptor.withLock { descriptor in
            guard descriptor >= 0 else { return }
            close(descriptor)
            descriptor = -1
        }
    }
}

/// The vault folder's audit log file, written only while the folder's lock is held: the sink lives
/// as long as the `AuditLog` over it, so the lock does too.
struct LockedAuditSink: AuditSink {
    let file: AuditFileSink
    let lock: VaultFolderLock

    func open(newLogID logID: UUID, signer: VerifyingKey, at timestamp: Int64) async throws -> AuditLogState {
        guard lock.isHeld else { throw VaultFolderError.closed(path: lock.path) }
        return try await file.open(newLogID: logID, signer: signer, at: timestamp)
    }

    func append(_ entries: [AuditEntry], checkpoint: AuditCheckpoint?) async throws {
        guard lock.isHeld else { throw VaultFolderError.closed(path: lock.path) }
        try await file.append(entries, checkpoint: checkpoint)
    }
}
