import CallVault
import CallVaultCore
import CallVaultSupport
import Foundation
import Testing

/// A staged folder (a new vault, a legal export) is made durable through the support layer, so
/// its fault hook reaches every flush: a flush that fails leaves no destination and no leftover,
/// and the error names the file and the call.
@Suite("Staged folder under injected faults")
struct StagedDirectoryFaultTests {
    let parent: URL

    init() throws {
        parent = FileManager.default.temporaryDirectory.appendingPathComponent("staged-faults-\(UUID())")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    }

    /// System calls whose `fsync` fails with `EIO` on the `failing`-th call (from 1) and after.
    static func fsyncFailing(from failing: Int, counter: LockedState<Int> = LockedState(0)) -> SystemCalls {
        var calls = SystemCalls.system
        calls.fsync = { descriptor in
            let call = counter.withLock { count in
                count += 1
                return count
            }
            guard call < failing else {
                errno = EIO
                return -1
            }
            return fsync(descriptor)
        }
        return calls
    }

    @Test("a flush failing at any step of a build leaves neither the destination nor a leftover", arguments: 1...5)
    func failingFlush(at step: Int) throws {
        defer { try? FileManager.default.removeItem(at: parent) }
        let destination = parent.appendingPathComponent("package")
        let calls = Self.fsyncFailing(from: step)
        let staged = StagedDirectory(destination, kind: "test", calls: calls)
        // Two files in a subfolder: five flushes (two files, the subfolder, the staging folder,
        // then the parent after the rename).
        let build = {
            try staged.build { folder in
                try StagedDirectory.makeFolder(folder.path + "/inner")
                try StagedDirectory.writeNewFile([1, 2, 3], to: folder.path + "/inner/a")
                try StagedDirectory.writeNewFile([4], to: folder.path + "/inner/b")
            }
        }
        let error = #expect(throws: StagedDirectoryError.self) { try build() }
        guard case .io(_, let operation, let reason, _) = error else {
            Issue.record("expected an I/O error, got \(String(describing: error))")
            return
        }
        #expect(operation == "fsync")
        #expect(reason == String(cString: strerror(EIO)))
        #expect(try staged.leftovers().isEmpty)
        // Only the last flush (of the parent, after the rename) comes too late to undo the build.
        #expect(FileManager.default.fileExists(atPath: destination.path) == (step == 5))
    }

    @Test("writing a new file through the hook: a failed flush names the file; an existing file is never replaced")
    func writeNewFile() throws {
        defer { try? FileManager.default.removeItem(at: parent) }
        let path = parent.appendingPathComponent("file").path
        let calls = Self.fsyncFailing(from: 1)
        let flush = #expect(
            throws: StagedDirectoryError.io(
                path: path, operation: "fsync", reason: String(cString: strerror(EIO)), underlying: nil)
        ) {
            try StagedDirectory.writeNewFile([1], to: path, calls: calls)
        }
        // The errno is kept as a value for the public error it becomes, not only as text.
        guard case .io(_, _, _, let cause) = flush else {
            Issue.record("expected an I/O failure")
            return
        }
        #expect((cause as? POSIXError)?.code == .EIO)
        #expect(
            throws: StagedDirectoryError.io(
                path: path, operation: "creating", reason: String(cString: strerror(EEXIST)), underlying: nil)
        ) {
            try StagedDirectory.writeNewFile([2], to: path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data([1]))
    }
}
