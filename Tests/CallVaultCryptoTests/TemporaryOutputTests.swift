import CallVaultCore
import Foundation
import Testing

@testable import CallVaultCrypto

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 11, breaks 5 and 6, in the library: outputs are written unnamed until complete (or, where
/// that is not supported, named, locked and removed by the next writer once abandoned), and only
/// ever replace a regular file that is not an input.
@Suite("Temporary outputs and their destinations")
struct TemporaryOutputTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test("while an output is written nothing of it has a name; committed, it replaces the old file whole")
    func unnamedWhileWritten() throws {
        _ = try directory.write([1, 2, 3], to: "out.bin")
        let output = try FileEnvelopeOutput(destination: directory.file("out.bin"))
        try [UInt8](repeating: 7, count: 10_000).withUnsafeBytes { try output.write($0) }
        #expect(try directory.listing() == ["out.bin"], "no temporary name while writing")
        #expect(try directory.read("out.bin") == [1, 2, 3])
        try output.commit()
        #expect(try directory.listing() == ["out.bin"])
        #expect(try directory.read("out.bin") == [UInt8](repeating: 7, count: 10_000))
        #expect(
            try FileManager.default.attributesOfItem(atPath: directory.file("out.bin"))[.posixPermissions] as? Int
                == 0o600)
    }

    @Test("a discarded or released output leaves nothing")
    func discarded() throws {
        do {
            let output = try FileEnvelopeOutput(destination: directory.file("a.bin"))
            try [UInt8](repeating: 7, count: 100).withUnsafeBytes { try output.write($0) }
        }
        let named = try FileEnvelopeOutput(destination: directory.file("b.bin"), inputs: [], allowUnnamed: false)
        try [UInt8](repeating: 7, count: 100).withUnsafeBytes { try named.write($0) }
        named.discard()
        #expect(try directory.listing().isEmpty)
    }

    @Test("named temporaries (no O_TMPFILE): an abandoned one is removed by the next writer, a live one kept")
    func namedFallback() throws {
        var abandoned: OpenFile? = try OpenFile.temporary(besides: directory.file("a.wav"), allowUnnamed: false)
        try [UInt8](repeating: 9, count: 4_096).withUnsafeBytes { try abandoned?.write($0, at: 0) }
        abandoned = nil  // its process died: the descriptor (and lock) is gone, the file stays
        _ = try directory.write([9], to: ".a.wav.callvault-Ab12Cd")  // as versions before this one left them
        for name in [".profile", ".notes.callvault-draft", "a.callvault-Ab12Cd"] {
            _ = try directory.write([1], to: name)
        }
        let leftovers = try directory.listing().filter { OpenFile.isTemporaryName($0) }
        #expect(leftovers.count == 2, "\(leftovers)")

        let live = try FileEnvelopeOutput(destination: directory.file("b.wav"), inputs: [], allowUnnamed: false)
        let afterLive = try directory.listing()
        #expect(afterLive.filter { OpenFile.isTemporaryName($0) }.count == 1, "only the live one: \(afterLive)")
        let other = try FileEnvelopeOutput(destination: directory.file("c.wav"))
        #expect(try directory.listing() == afterLive, "a live temporary is never taken")
        try live.commit()
        try other.commit()
        #expect(
            try directory.listing() == [
                ".notes.callvault-draft", ".profile", "a.callvault-Ab12Cd", "b.wav", "c.wav",
            ])
    }

    @Test("a device, pipe, folder or link is never a destination, nor an input by any name")
    func destinations() throws {
        let input = try directory.write(Fixtures.bytes(1_000), to: "in.bin")
        #expect(mkfifo(directory.file("fifo"), 0o600) == 0)
        try FileManager.default.createDirectory(atPath: directory.file("folder"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: directory.file("link"), withDestinationPath: "in.bin")
        #expect(link(input, directory.file("hard.bin")) == 0)
        let configuration = EnvelopeConfiguration(segmentSize: 256)
        for (name, reason) in [
            ("fifo", "a pipe (FIFO)"), ("folder", "a folder"), ("link", "a symbolic link"), ("hard.bin", "the input"),
            ("in.bin", "the input"), ("missing/out", "does not exist"),
        ] {
            let error = #expect(throws: FileError.self, "\(name)") {
                try EnvelopeFile.seal(
                    inputPath: input, outputPath: directory.file(name), configuration: configuration,
                    recipients: [Fixtures.alice.recipient])
            }
            #expect(error?.reason.contains(reason) == true, "\(name): \(String(describing: error))")
        }
        #expect(try directory.read("in.bin") == Fixtures.bytes(1_000))
        let sealed = try EnvelopeFile.seal(
            inputPath: input, outputPath: directory.file("out.cvr"), configuration: configuration,
            recipients: [Fixtures.alice.recipient])
        let reader = try EnvelopeReader(
            source: FileByteSource(path: directory.file("out.cvr")), identity: Fixtures.alice)
        #expect(sealed.plaintextByteCount == 1_000)
        #expect(throws: FileError.self) { try reader.decrypt(toFile: directory.file("out.cvr")) }
        #expect(throws: ByteSourceError.self) { try FileByteSource(path: directory.file("fifo")) }
    }
}
