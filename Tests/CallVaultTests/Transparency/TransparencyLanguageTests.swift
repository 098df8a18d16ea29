import CallVaultAccess
import CallVaultCore
import Foundation
import Testing

@testable import CallVault

/// The transparency report in Persian and Arabic (issue 12): Solar Hijri dates beside Gregorian
/// ones in Persian digits, the respectful plural in Arabic, and no stored English values left.
@Suite("Transparency report: Persian and Arabic")
struct TransparencyLanguageTests {
    /// Known conversions from published calendars: Nowruz of several years (including the day
    /// before, across a leap Esfand), 22 Bahman 1357 and Yalda.
    static let knownDates: [(gregorian: String, year: Int, month: Int, day: Int)] = [
        ("2026-03-21T00:00:00Z", 1405, 1, 1),
        ("2025-03-21T12:00:00Z", 1404, 1, 1),
        ("2025-03-20T23:59:59Z", 1403, 12, 30),
        ("2024-03-20T00:00:00Z", 1403, 1, 1),
        ("2024-03-19T08:00:00Z", 1402, 12, 29),
        ("1979-02-11T00:00:00Z", 1357, 11, 22),
        ("2025-12-22T00:00:00Z", 1404, 10, 1),
        ("2026-01-01T00:00:00Z", 1404, 10, 11),
    ]

    @Test("Foundation's Persian calendar gives the published Solar Hijri dates", arguments: knownDates)
    func solarHijri(known: (gregorian: String, year: Int, month: Int, day: Int)) throws {
        let date = try #require(CivilTime.parseISO8601(known.gregorian))
        let solar = try #require(TransparencyDates.solarHijri(date))
        #expect(solar.year == known.year && solar.month == known.month && solar.day == known.day, "\(solar)")
    }

    @Test("a Persian date is written in Persian digits and month names, with the Gregorian date beside it")
    func persianDate() throws {
        let nowruz = try #require(CivilTime.parseISO8601("2026-03-21T10:05:00Z"))
        let text = TransparencyDates.written(nowruz, persian: true)
        #expect(text.hasPrefix("۱ فروردین ۱۴۰۵، ساعت ۱۰:۰۵:۰۰"))
        #expect(text.contains("۲۰۲۶-۰۳-۲۱"))
        #expect(text.contains("میلادی"))
        #expect(!text.contains { $0.isASCII && $0.isNumber })
        #expect(TransparencyDates.written(nowruz, persian: false) == "2026-03-21T10:05:00Z")
    }

    @Test("a Persian report: Solar Hijri dates, Persian digits, the answer in Persian, no English values")
    func persianReport() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1, customerIn: "IR", language: "fa")
        let report = try await world.vault.transparencyReport(for: id)
        #expect(report.notice.language.tag == "fa")
        let text = report.text
        #expect(text.contains("ضبط تماس شما"))
        // The call started at 2026-01-01T00:00:00Z: 11 Dey 1404.
        let callLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("تماس:") })
        #expect(callLine.contains("۱۱ دی ۱۴۰۴"), "\(callLine)")
        #expect(callLine.contains("۲۰۲۶-۰۱-۰۱"))
        #expect(!callLine.prefix(while: { $0 != "(" }).contains { $0.isASCII && $0.isNumber })
        #expect(text.contains("پاسخ شما: موافقت کردید، با فشردن کلید"))
        for english in ["consented", "keypress", "Your answer", "2026-01-01T"] {
            #expect(!text.contains(english), "'\(english)' is left in the Persian report")
        }
    }

    @Test("a Persian report names each access, its purpose and its outcome in Persian")
    func persianAccesses() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1, customerIn: "IR", language: "fa")
        let supervisor = VaultWorld.principal("sup-1", role: "supervisor", at: world.clock.now)
        _ = try await world.playback.play(id, PlaybackRequest(principal: supervisor, purpose: .quality))
        let text = try await world.vault.transparencyReport(for: id).text
        let access = try #require(text.split(separator: "\n").first { $0.hasPrefix("- ") && $0.contains("sup-1") })
        #expect(access.contains("گوش دادن (ارتقای کیفیت خدمات)"), "\(access)")
        #expect(access.hasSuffix("مجاز"))
        #expect(!access.contains("listen") && !access.contains("quality"))
    }

    @Test("an Arabic report addresses the reader in the respectful plural and translates the answer")
    func arabicReport() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1, customerIn: "AE", language: "ar")
        let text = try await world.vault.transparencyReport(for: id).text
        #expect(text.contains("تسجيل مكالمتكم"))
        #expect(text.contains("إجابتكم: وافقتم، بالضغط على زر"))
        #expect(!text.contains("مكالمتك\n") && !text.contains("إجابتك:"))
        #expect(!text.contains("consented") && !text.contains("keypress"))
    }

    @Test("an English report says what was agreed in words, not stored values")
    func englishAnswer() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1, customerIn: "DE", language: "en")
        let text = try await world.vault.transparencyReport(for: id).text
        #expect(text.contains("Your answer: agreed, by pressing a key"))
        #expect(!text.contains("consented, keypress"))
    }
}
