import CallVaultCore

extension BundledDisclosures {
    /// Arabic (Modern Standard), addressing the customer in the respectful plural ("ـكم")
    /// throughout, with ASCII digits for keys and numbers. The organisation speaks in the first
    /// person plural ("نسجّل هذه المكالمة"), not through a passive ("تُسجَّل لدى"). "و" attaches to the next word in lists. Purposes follow
    /// "لأغراض" (genitive); audiences are nominative, after "لا يستمع إليها إلا"; periods follow
    /// "لمدة", with the dual and the counted forms Arabic numbers take.
    static let arabic = BundledLanguage(
        language: .arabic,
        grammar: DisclosureGrammar(
            unchecked: " و", andSeparator: " و", orSeparator: " أو ", pluralRule: .arabic,
            years: DisclosurePluralForms(
                one: "سنة واحدة", two: "سنتين", few: "{count} سنوات", many: "{count} سنة", other: "{count} سنة"),
            months: DisclosurePluralForms(
                one: "شهر واحد", two: "شهرين", few: "{count} أشهر", many: "{count} شهرًا", other: "{count} شهر"),
            days: DisclosurePluralForms(
                one: "يوم واحد", two: "يومين", few: "{count} أيام", many: "{count} يومًا", other: "{count} يوم"),
            byKeyPhrase: "بالضغط على الرقم {key} في أي وقت أثناء المكالمة",
            byWebsitePhrase: "عبر الموقع الإلكتروني {address}",
            byEmailPhrase: "بمراسلتنا على البريد الإلكتروني {address}",
            byPhonePhrase: "بالاتصال بنا على الرقم {address}",
            euphony: .none, genericRegulator: "الجهة المختصة بحماية البيانات"),
        purposeNames: [
            .quality: "مراقبة الجودة",
            .training: "تدريب الموظفين",
            .disputeResolution: "تسوية النزاعات",
            .legalOrRegulatory: "الوفاء بالتزاماتنا القانونية",
            .customerRequest: "تلبية طلباتكم",
        ],
        audienceNames: [
            .supervisors: "المشرفون",
            .qualityTeam: "فريق الجودة لدينا",
            .trainers: "المدربون",
            .complianceOfficers: "مسؤولو الامتثال",
            .regulatorsAndCourts: "الجهات الرقابية أو المحاكم عندما يقتضي القانون ذلك",
        ],
        templates: [
            .ivrNotice: """
            شكرًا لاتصالكم بنا في {organisation}. نسجّل هذه المكالمة لأغراض {purposes}. \
            إذا كنتم لا ترغبون في تسجيلها، فاضغطوا الرقم {withdrawalKey} في أي وقت، \
            وستستمر المكالمة دون تسجيل.
            """,
            .ivrConsentRequest: """
            شكرًا لاتصالكم بنا في {organisation}. نود تسجيل هذه المكالمة لأغراض {purposes}. \
            للموافقة على التسجيل اضغطوا الرقم {consentKey}، وللمتابعة دون تسجيل اضغطوا الرقم {declineKey}. \
            ولإيقاف التسجيل في أي وقت اضغطوا الرقم {withdrawalKey}.
            """,
            .agentNotice: """
            قبل أن نتابع، أود إعلامكم بأننا في {organisation} نسجّل هذه المكالمة لأغراض {purposes}. \
            تُحفظ التسجيلات لمدة {retention}، ولا يستمع إليها إلا {audiences}. \
            يمكنكم أن تطلبوا مني إيقاف التسجيل في أي وقت. \
            هل توافقون على متابعة المكالمة وهي مسجَّلة؟
            """,
            .agentConsentRequest: """
            قبل أن نتابع، نود في {organisation} تسجيل هذه المكالمة لأغراض {purposes}. \
            تُحفظ التسجيلات لمدة {retention}، ولا يستمع إليها إلا {audiences}. \
            إذا لم توافقوا، فسنتابع المكالمة دون تسجيل، وإذا وافقتم، \
            فيمكنكم أن تطلبوا مني إيقاف التسجيل في أي وقت. \
            هل توافقون على تسجيل هذه المكالمة؟
            """,
            .writtenDisclosure: """
            تسجيل المكالمات لدى {organisation}

            نقوم في {organisation} بتسجيل المكالمات الهاتفية مع عملائنا لأغراض {purposes}. \
            ولا نسجل المكالمات إلا حيث يسمح القانون بذلك: إما لأنكم وافقتم على التسجيل، \
            وإما لأن لدينا مصلحة مشروعة في الاحتفاظ بسجل دقيق لما قيل أو التزامًا قانونيًا بذلك. \
            وقبل بدء أي تسجيل، نُعلمكم بأن المكالمة ستُسجَّل، ويمكنكم الاعتراض على ذلك أو رفضه.

            نحتفظ بالتسجيلات لمدة {retention} ثم نحذفها بطريقة آمنة. \
            وتُخزَّن التسجيلات مشفّرةً، ولا يستمع إليها إلا {audiences}، وللأغراض المذكورة أعلاه فقط.

            يحق لكم الاعتراض على التسجيل وسحب موافقتكم في أي وقت، ويمكنكم فعل ذلك {howToWithdraw}. \
            وعندئذٍ نوقف التسجيل من تلك اللحظة. \
            ويمكنكم أيضًا، حيث يسمح القانون، طلب نسخة من تسجيل مكالمتكم أو طلب حذفه.

            إذا لم تكونوا راضين عن طريقة تعاملنا مع تسجيلات المكالمات، فيمكنكم تقديم شكوى {howToComplain}. \
            كما يحق لكم تقديم شكوى إلى {regulator}.
            """,
        ])
}
