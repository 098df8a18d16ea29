import CallVaultCapture
import CallVaultCore
import Testing

@Suite("Packet recorder: screen and codec packets under the same gate")
struct PacketRecorderTests {
    static func screen(at timestamp: Int64, _ marker: UInt8) -> MediaFrame {
        MediaFrame(
            track: .screen, sequenceNumber: UInt64(timestamp), timestamp: timestamp,
            content: .screenImage(contentType: "image/png", bytes: [0x89, marker, marker]))
    }

    @Test("the screen pauses with the audio: images inside a pause or before start are not kept")
    func screenPausesWithAudio() throws {
        let audio = try RecorderFixture.recorder()
        let screen = PacketRecorder(segmentSize: 64, sink: InMemorySegmentSink())
        for (command, position) in [
            (GateCommand.start, Int64(800)), (.pause(.cardData), 2_400), (.resume(.cardData), 4_000), (.stop, 6_400),
        ] {
            audio.command(command, at: position)
            screen.command(command, at: position)
        }
        for second in 0..<9 { try screen.ingest(Self.screen(at: Int64(second * 800), UInt8(second))) }
        try RecorderFixture.feed(audio, frames: 40)
        let timeline = try audio.finish()
        try screen.finish()
        let records = try PacketRecord.decodeStream(screen.sink.bytes)
        #expect(records.map(\.timestamp) == [800, 1_600, 4_000, 4_800, 5_600])
        #expect(records.allSatisfy { $0.kind == .screenImage && $0.label == "image/png" && $0.track == .screen })
        #expect(records.map { $0.payload[1] } == [1, 2, 5, 6, 7])
        #expect(screen.keptFrames == 5)
        #expect(screen.gatedFrames == 4)
        #expect(timeline.pauses.first?.callPosition == 2_400)
        #expect(screen.sink.isFinished)
        #expect(screen.sink.segmentFrameCounts.dropLast().allSatisfy { $0 == 64 }, "segments are the configured size")
    }

    @Test("opaque codec packets keep their codec, timing and bytes; an excluded track is gated")
    func codecPackets() throws {
        let recorder = PacketRecorder(sink: InMemorySegmentSink())
        recorder.command(.start, at: 0)
        recorder.command(.exclude(.customer), at: 960)
        recorder.command(.include(.customer), at: 1_920)
        for index in 0..<4 {
            for track in [TrackID.agent, .customer] {
                try recorder.ingest(
                    MediaFrame(
                        track: track, sequenceNumber: UInt64(index), timestamp: Int64(index * 960),
                        content: .packet(codec: "opus", bytes: [UInt8(index), 0xAB], sampleFrames: 960)))
            }
        }
        try recorder.finish()
        let records = try PacketRecord.decodeStream(recorder.sink.bytes)
        #expect(records.map(\.track) == [.agent, .customer, .agent, .agent, .customer, .agent, .customer])
        #expect(records.allSatisfy { $0.label == "opus" && $0.sampleFrames == 960 && $0.kind == .codecPacket })
        #expect(records.first?.payload == [0, 0xAB])
        #expect(throws: RecorderError.self) {
            try recorder.ingest(
                .audio([1], format: RecorderFixture.mono, track: .agent, sequenceNumber: 9, timestamp: 0))
        }
    }

    @Test("a malformed packet stream is a typed error naming the offset")
    func malformedStream() throws {
        let record = try PacketRecord(
            track: .screen, timestamp: 5, kind: .screenImage, label: "image/png", sampleFrames: 0, payload: [1, 2, 3]
        ).encoded()
        #expect(try PacketRecord.decodeStream(record + record).count == 2)
        #expect(throws: RecorderError.self) { try PacketRecord.decodeStream(Array(record.dropLast())) }
        var badKind = record
        badKind[12] = 9
        #expect {
            try PacketRecord.decodeStream(badKind)
        } throws: { error in
            (error as? RecorderError)?.description.contains("byte 0") == true
        }
        #expect(throws: RecorderError.self) { try PacketRecord.decodeStream([0, 0, 0]) }
    }
}
