import CallVaultCore

extension BundledDisclosures {
    /// Persian, in the formal register ("شما"). Spoken scripts use ASCII digits for keys and
    /// numbers so every speech synthesiser reads them; written text uses Persian digits (۰–۹), as
    /// Persian readers expect. The organisation is the subject of an active sentence ("{organisation}
    /// این تماس را … ضبط می‌کند"), not the agent of a passive with "توسط". Purposes follow "برای";
    /// audiences are the subject of "می‌توانند … گوش دهند". Iran has no data-protection authority,
    /// so the closing sentence names the policy's ``DisclosurePolicy/regulator`` or, without one,
    /// "the competent authorities" in general. Words are joined with the zero-width non-joiner
    /// (U+200C) as Persian spelling requires ("می‌شود"); that is a letter-joining control, not a
    /// direction mark.
    static let persian = BundledLanguage(
        language: .persian,
        grammar: DisclosureGrammar(
            unchecked: "، ", andSeparator: " و ", orSeparator: " یا ", pluralRule: .oneIsSingular,
            years: DisclosurePluralForms(one: "یک سال", other: "{count} سال"),
            months: DisclosurePluralForms(one: "یک ماه", other: "{count} ماه"),
            days: DisclosurePluralForms(one: "یک روز", other: "{count} روز"),
            byKeyPhrase: "با فشردن کلید {key} در هر زمان در طول تماس",
            byWebsitePhrase: "از طریق وب‌سایت {address}",
            byEmailPhrase: "با ارسال ایمیل به {address}",
            byPhonePhrase: "با تماس با شماره {address}",
            euphony: .none, writtenDigits: "۰۱۲۳۴۵۶۷۸۹", genericRegulator: "مراجع ذی‌صلاح"),
        purposeNames: [
            .quality: "ارتقای کیفیت خدمات",
            .training: "آموزش کارکنان",
            .disputeResolution: "حل‌وفصل اختلافات",
            .legalOrRegulatory: "انجام تعهدات قانونی",
            .customerRequest: "رسیدگی به درخواست‌های شما",
        ],
        audienceNames: [
            .supervisors: "سرپرستان",
            .qualityTeam: "تیم کنترل کیفیت ما",
            .trainers: "مدرسان",
            .complianceOfficers: "مسئولان رعایت مقررات",
            .regulatorsAndCourts: "نهادهای نظارتی یا مراجع قضایی در صورت الزام قانونی",
        ],
        templates: [
            .ivrNotice: """
            از تماس شما با {organisation} سپاسگزاریم. این تماس برای {purposes} ضبط می‌شود. \
            اگر مایل نیستید تماس شما ضبط شود، در هر زمان کلید {withdrawalKey} را فشار دهید \
            تا تماس بدون ضبط ادامه یابد.
            """,
            .ivrConsentRequest: """
            از تماس شما با {organisation} سپاسگزاریم. مایلیم این تماس را برای {purposes} ضبط کنیم. \
            برای موافقت با ضبط، کلید {consentKey} و برای ادامهٔ تماس بدون ضبط، کلید {declineKey} را فشار دهید. \
            برای توقف ضبط، در هر زمان کلید {withdrawalKey} را فشار دهید.
            """,
            .agentNotice: """
            پیش از ادامه، به اطلاع شما می‌رسانم که {organisation} این تماس را برای {purposes} ضبط می‌کند. \
            تماس‌های ضبط‌شده به مدت {retention} نگهداری می‌شوند و فقط {audiences} می‌توانند به آن‌ها گوش دهند. \
            هر زمان مایل بودید، می‌توانید از من بخواهید ضبط را متوقف کنم. \
            آیا موافقید مکالمه ضبط شود؟
            """,
            .agentConsentRequest: """
            پیش از ادامه، {organisation} مایل است این تماس را برای {purposes} ضبط کند. \
            تماس‌های ضبط‌شده به مدت {retention} نگهداری می‌شوند و فقط {audiences} می‌توانند به آن‌ها گوش دهند. \
            اگر موافق نباشید، تماس را بدون ضبط ادامه می‌دهیم؛ و اگر موافق باشید، \
            هر زمان مایل بودید می‌توانید از من بخواهید ضبط را متوقف کنم. \
            آیا موافقید مکالمه ضبط شود؟
            """,
            .writtenDisclosure: """
            ضبط تماس‌ها در {organisation}

            ما در {organisation} تماس‌های تلفنی با مشتریان خود را برای {purposes} ضبط می‌کنیم. \
            تماس‌ها را فقط در مواردی ضبط می‌کنیم که قانون اجازه می‌دهد: یا به این دلیل که شما موافقت کرده‌اید، \
            یا به این دلیل که برای نگهداری سابقه‌ای دقیق از آنچه گفته شده است منافع مشروع یا تکلیف قانونی داریم. \
            پیش از آغاز هر ضبطی، به شما اطلاع می‌دهیم که تماس ضبط خواهد شد \
            و شما می‌توانید اعتراض کنید یا آن را نپذیرید.

            تماس‌های ضبط‌شده را به مدت {retention} نگهداری می‌کنیم و سپس به‌صورت ایمن حذف می‌کنیم. \
            تماس‌های ضبط‌شده به‌صورت رمزنگاری‌شده ذخیره می‌شوند و فقط {audiences} می‌توانند به آن‌ها گوش دهند، \
            آن هم تنها برای اهداف یادشده.

            شما حق دارید به ضبط اعتراض کنید و در هر زمان از رضایت خود انصراف دهید. \
            می‌توانید این کار را {howToWithdraw} انجام دهید. در این صورت، از همان لحظه ضبط را متوقف می‌کنیم. \
            در مواردی که قانون اجازه می‌دهد، همچنین می‌توانید نسخه‌ای از ضبط تماس خود را درخواست کنید \
            یا از ما بخواهید آن را حذف کنیم.

            اگر از شیوهٔ رسیدگی ما به تماس‌های ضبط‌شده راضی نیستید، \
            می‌توانید {howToComplain} شکایت خود را ثبت کنید. \
            همچنین حق دارید به {regulator} شکایت کنید.
            """,
        ])
}
