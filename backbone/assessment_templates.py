"""The five assessment instruments the platform ships, as data: English the original, Hebrew
and Arabic its versions. The benchmark texts are the platform's own, written after the
collective impact frameworks (FSG's five conditions, the Collective Impact Forum's principles
of practice, the preconditions of readiness, the backbone's six functions, the principles of
an impact sphere); they are not copied from any published instrument.

Every text is a triple (English, Hebrew, Arabic). Section keys are what rounds are compared
by; the backbone-effectiveness sections use the keys of `BackboneFunction`.

The data migration 0003_assessment_templates keeps a frozen copy of its own (a migration must
not change when this module does); a change to an instrument is a new version, in a new
migration.
"""

VERSION = 1


def _t(en: str, he: str, ar: str) -> tuple[str, str, str]:
    return (en, he, ar)


def _section(key, name, description, benchmarks) -> dict:
    return {
        "key": key,
        "name": name,
        "description": description,
        "benchmarks": [{"key": bkey, "text": text} for bkey, text in benchmarks],
    }


FIVE_CONDITIONS = {
    "key": "five-conditions",
    "kind": "conditions",
    "name": _t(
        "The five conditions of collective impact",
        "חמשת התנאים של אימפקט קולקטיבי",
        "الشروط الخمسة للأثر الجماعي",
    ),
    "description": _t(
        "How far the initiative has come on each of the five conditions: a common agenda, "
        "shared measurement, mutually reinforcing activities, continuous communication and a "
        "backbone organization.",
        "עד כמה התקדמה היוזמה בכל אחד מחמשת התנאים: אג'נדה משותפת, מדידה משותפת, פעילויות "
        "מחזקות הדדית, תקשורת רציפה וארגון שדרה.",
        "إلى أي مدى تقدّمت المبادرة في كل شرط من الشروط الخمسة: الأجندة المشتركة، والقياس "
        "المشترك، والأنشطة التي يعزّز بعضها بعضًا، والتواصل المستمر، والمنظمة المحورية.",
    ),
    "sections": [
        _section(
            "agenda",
            _t("Common agenda", "אג'נדה משותפת", "الأجندة المشتركة"),
            _t(
                "A shared vision of change, a shared understanding of the problem and an "
                "agreed way to solve it.",
                "חזון משותף לשינוי, הבנה משותפת של הבעיה ודרך מוסכמת לפתור אותה.",
                "رؤية مشتركة للتغيير، وفهم مشترك للمشكلة، وطريقة متفق عليها لحلّها.",
            ),
            [
                (
                    "shared-vision",
                    _t(
                        "The partners share one vision of the change they want to see.",
                        "השותפים חולקים חזון אחד של השינוי שהם רוצים לראות.",
                        "يتشارك الشركاء رؤية واحدة للتغيير الذي يريدون تحقيقه.",
                    ),
                ),
                (
                    "problem-definition",
                    _t(
                        "The partners agree on how the problem is defined and what causes it.",
                        "השותפים מסכימים על הגדרת הבעיה ועל הגורמים לה.",
                        "يتفق الشركاء على تعريف المشكلة وعلى أسبابها.",
                    ),
                ),
                (
                    "goals-strategies",
                    _t(
                        "Goals and strategies have been set together and are written down.",
                        "המטרות והאסטרטגיות נקבעו יחד והן מתועדות בכתב.",
                        "وُضعت الأهداف والاستراتيجيات معًا وهي موثّقة كتابيًا.",
                    ),
                ),
                (
                    "endorsement",
                    _t(
                        "Each partner's leadership has endorsed the agenda and refers to it "
                        "when deciding.",
                        "ההנהלה של כל שותף אישרה את האג'נדה ונשענת עליה בקבלת החלטות.",
                        "صادقت قيادة كل شريك على الأجندة وتستند إليها عند اتخاذ القرارات.",
                    ),
                ),
            ],
        ),
        _section(
            "measurement",
            _t("Shared measurement", "מדידה משותפת", "القياس المشترك"),
            _t(
                "A small set of indicators that every partner measures and reports the same way.",
                "סט קטן של מדדים שכל השותפים מודדים ומדווחים באותו אופן.",
                "مجموعة صغيرة من المؤشرات يقيسها جميع الشركاء ويبلّغون عنها بالطريقة نفسها.",
            ),
            [
                (
                    "indicators-agreed",
                    _t(
                        "The partners have agreed on a short list of shared indicators.",
                        "השותפים הסכימו על רשימה קצרה של מדדים משותפים.",
                        "اتفق الشركاء على قائمة قصيرة من المؤشرات المشتركة.",
                    ),
                ),
                (
                    "consistent-reporting",
                    _t(
                        "Partners collect and report their data the same way, on time, every "
                        "period.",
                        "השותפים אוספים ומדווחים את הנתונים שלהם באותו אופן, בזמן, בכל תקופה.",
                        "يجمع الشركاء بياناتهم ويبلّغون عنها بالطريقة نفسها وفي الموعد، في كل فترة.",
                    ),
                ),
                (
                    "data-used",
                    _t(
                        "The shared data is discussed together and used to improve the work.",
                        "הנתונים המשותפים נדונים יחד ומשמשים לשיפור העבודה.",
                        "تُناقَش البيانات المشتركة معًا وتُستخدم لتحسين العمل.",
                    ),
                ),
            ],
        ),
        _section(
            "activities",
            _t(
                "Mutually reinforcing activities",
                "פעילויות מחזקות הדדית",
                "أنشطة يعزّز بعضها بعضًا",
            ),
            _t(
                "Each partner does what it does best, within one plan of action.",
                "כל שותף עושה את מה שהוא עושה הכי טוב, במסגרת תוכנית פעולה אחת.",
                "يقوم كل شريك بما يتقنه أكثر من غيره، ضمن خطة عمل واحدة.",
            ),
            [
                (
                    "roles-clear",
                    _t(
                        "It is clear which partner leads which activity under the shared "
                        "strategies.",
                        "ברור איזה שותף מוביל איזו פעילות במסגרת האסטרטגיות המשותפות.",
                        "من الواضح أيّ شريك يقود أيّ نشاط ضمن الاستراتيجيات المشتركة.",
                    ),
                ),
                (
                    "no-gaps-overlaps",
                    _t(
                        "Gaps and duplications between the partners' activities are found and "
                        "dealt with.",
                        "פערים וכפילויות בין פעילויות השותפים מזוהים ומטופלים.",
                        "تُحدَّد الفجوات والتكرارات بين أنشطة الشركاء وتُعالَج.",
                    ),
                ),
                (
                    "aligned-plans",
                    _t(
                        "Partners adjust their own plans so that they fit the shared plan.",
                        "השותפים מתאימים את התוכניות שלהם כך שישתלבו בתוכנית המשותפת.",
                        "يعدّل الشركاء خططهم الخاصة لتنسجم مع الخطة المشتركة.",
                    ),
                ),
            ],
        ),
        _section(
            "communication",
            _t("Continuous communication", "תקשורת רציפה", "التواصل المستمر"),
            _t(
                "Regular, open communication that builds trust and keeps the partners "
                "working together.",
                "תקשורת סדירה ופתוחה שבונה אמון ושומרת על עבודה משותפת של השותפים.",
                "تواصل منتظم ومنفتح يبني الثقة ويحافظ على عمل الشركاء معًا.",
            ),
            [
                (
                    "regular-meetings",
                    _t(
                        "The partners meet regularly, and the meetings lead to decisions.",
                        "השותפים נפגשים באופן קבוע, והמפגשים מובילים להחלטות.",
                        "يلتقي الشركاء بانتظام، وتُفضي الاجتماعات إلى قرارات.",
                    ),
                ),
                (
                    "information-flows",
                    _t(
                        "Decisions, minutes and updates reach every partner in good time.",
                        "החלטות, סיכומי פגישות ועדכונים מגיעים לכל השותפים בזמן.",
                        "تصل القرارات ومحاضر الاجتماعات والمستجدات إلى جميع الشركاء في الوقت "
                        "المناسب.",
                    ),
                ),
                (
                    "open-dialogue",
                    _t(
                        "Partners raise difficulties and disagreements openly with one another.",
                        "השותפים מעלים קשיים ומחלוקות בגלוי זה בפני זה.",
                        "يطرح الشركاء الصعوبات والخلافات بصراحة فيما بينهم.",
                    ),
                ),
            ],
        ),
        _section(
            "backbone",
            _t("Backbone organization", "ארגון שדרה", "المنظمة المحورية"),
            _t(
                "Dedicated staff who coordinate the initiative and support the partners.",
                "צוות ייעודי שמתאם את היוזמה ותומך בשותפים.",
                "طاقم مخصّص ينسّق المبادرة ويدعم الشركاء.",
            ),
            [
                (
                    "dedicated-staff",
                    _t(
                        "The initiative has staff whose job is to run it, with the time and "
                        "skills it needs.",
                        "ליוזמה יש צוות שתפקידו להפעיל אותה, עם הזמן והכישורים הנדרשים.",
                        "لدى المبادرة طاقم مهمته إدارتها، ولديه الوقت والمهارات اللازمة.",
                    ),
                ),
                (
                    "trusted-neutral",
                    _t(
                        "The backbone is trusted by the partners to act for the initiative as "
                        "a whole.",
                        "השותפים סומכים על ארגון השדרה שיפעל למען היוזמה כולה.",
                        "يثق الشركاء بأن المنظمة المحورية تعمل لصالح المبادرة ككل.",
                    ),
                ),
                (
                    "sustained-funding",
                    _t(
                        "The backbone's work is funded for the years ahead.",
                        "עבודת ארגון השדרה ממומנת לשנים הקרובות.",
                        "عمل المنظمة المحورية مموَّل للسنوات المقبلة.",
                    ),
                ),
            ],
        ),
    ],
}

PRINCIPLES = {
    "key": "principles-of-practice",
    "kind": "principles",
    "name": _t(
        "Principles of practice of collective impact",
        "עקרונות הפעולה של אימפקט קולקטיבי",
        "مبادئ الممارسة في الأثر الجماعي",
    ),
    "description": _t(
        "How the initiative works day to day: the habits that help a collective effort reach "
        "lasting change.",
        "כיצד היוזמה פועלת ביום-יום: ההרגלים שעוזרים למאמץ משותף להגיע לשינוי מתמשך.",
        "كيف تعمل المبادرة يومًا بيوم: العادات التي تساعد الجهد المشترك على بلوغ تغيير دائم.",
    ),
    "sections": [
        _section(
            "equity",
            _t("Equity", "שוויון והוגנות", "الإنصاف"),
            _t(
                "Closing gaps between groups is at the centre of the work.",
                "צמצום פערים בין קבוצות נמצא במרכז העבודה.",
                "تقليص الفجوات بين الفئات في صميم العمل.",
            ),
            [
                (
                    "gaps-named",
                    _t(
                        "The initiative names the gaps between groups that it means to close.",
                        "היוזמה מגדירה במפורש את הפערים בין הקבוצות שהיא מבקשת לצמצם.",
                        "تحدّد المبادرة بوضوح الفجوات بين الفئات التي تسعى إلى تقليصها.",
                    ),
                ),
                (
                    "data-by-group",
                    _t(
                        "Results are looked at by group, so that no one is left behind unseen.",
                        "התוצאות נבחנות לפי קבוצות, כדי שאיש לא יישאר מאחור בלי שיבחינו בכך.",
                        "تُدرس النتائج حسب الفئات، كي لا يتخلّف أحد دون أن يُلاحَظ.",
                    ),
                ),
                (
                    "fair-decisions",
                    _t(
                        "Decisions about resources take account of who needs them most.",
                        "החלטות על משאבים מביאות בחשבון מי זקוק להם יותר מכולם.",
                        "تأخذ القرارات المتعلقة بالموارد في الحسبان من هم الأحوج إليها.",
                    ),
                ),
            ],
        ),
        _section(
            "community",
            _t("Community members", "חברי הקהילה", "أفراد المجتمع"),
            _t(
                "The people most affected by the issue take part in the work.",
                "האנשים המושפעים ביותר מהסוגיה לוקחים חלק בעבודה.",
                "يشارك في العمل الأشخاص الأكثر تأثرًا بالقضية.",
            ),
            [
                (
                    "voice-in-decisions",
                    _t(
                        "Community members have a real say in the initiative's decisions.",
                        "לחברי הקהילה יש השפעה ממשית על ההחלטות של היוזמה.",
                        "لأفراد المجتمع كلمة حقيقية في قرارات المبادرة.",
                    ),
                ),
                (
                    "lived-experience",
                    _t(
                        "The knowledge of people with lived experience shapes the strategies.",
                        "הידע של אנשים בעלי ניסיון חיים בנושא מעצב את האסטרטגיות.",
                        "تُسهم معرفة أصحاب التجربة المعاشة في صياغة الاستراتيجيات.",
                    ),
                ),
            ],
        ),
        _section(
            "cross-sector",
            _t("Cross-sector partners", "שותפים מכל המגזרים", "شركاء من مختلف القطاعات"),
            _t(
                "Government, business, nonprofits, philanthropy and the community work side by "
                "side.",
                "ממשלה, עסקים, ארגונים ללא מטרות רווח, פילנתרופיה והקהילה פועלים זה לצד זה.",
                "تعمل الحكومة وقطاع الأعمال والمنظمات غير الربحية والعمل الخيري والمجتمع جنبًا "
                "إلى جنب.",
            ),
            [
                (
                    "sectors-present",
                    _t(
                        "The sectors that matter for the issue are at the table.",
                        "המגזרים החשובים לסוגיה נמצאים סביב השולחן.",
                        "القطاعات المعنيّة بالقضية حاضرة على الطاولة.",
                    ),
                ),
                (
                    "sectors-contribute",
                    _t(
                        "Each sector brings its own strengths and resources to the shared work.",
                        "כל מגזר מביא לעבודה המשותפת את החוזקות והמשאבים שלו.",
                        "يقدّم كل قطاع نقاط قوته وموارده للعمل المشترك.",
                    ),
                ),
            ],
        ),
        _section(
            "data-learning",
            _t("Data for learning", "נתונים ללמידה", "البيانات من أجل التعلّم"),
            _t(
                "Data is used to learn and to adapt, not only to report.",
                "הנתונים משמשים ללמידה ולהתאמה, ולא רק לדיווח.",
                "تُستخدم البيانات للتعلّم والتكيّف، لا للإبلاغ فحسب.",
            ),
            [
                (
                    "learning-sessions",
                    _t(
                        "The partners regularly set time aside to learn together from the data.",
                        "השותפים מקדישים זמן באופן קבוע ללמידה משותפת מהנתונים.",
                        "يخصّص الشركاء وقتًا بانتظام للتعلّم معًا من البيانات.",
                    ),
                ),
                (
                    "course-corrected",
                    _t(
                        "What the data shows leads to changes in what the partners do.",
                        "מה שהנתונים מראים מוביל לשינויים במה שהשותפים עושים.",
                        "ما تُظهره البيانات يؤدي إلى تغييرات في ما يقوم به الشركاء.",
                    ),
                ),
            ],
        ),
        _section(
            "system-leaders",
            _t("System leaders", "מובילי מערכת", "قادة المنظومة"),
            _t(
                "The leaders involved look beyond their own organizations to the whole system.",
                "המובילים המעורבים מביטים מעבר לארגונים שלהם, אל המערכת כולה.",
                "ينظر القادة المشاركون إلى ما هو أبعد من منظماتهم، إلى المنظومة بأكملها.",
            ),
            [
                (
                    "shared-leadership",
                    _t(
                        "Leadership of the initiative is shared, not held by one organization.",
                        "ההובלה של היוזמה משותפת, ואינה בידי ארגון אחד.",
                        "قيادة المبادرة مشتركة، وليست حكرًا على منظمة واحدة.",
                    ),
                ),
                (
                    "system-view",
                    _t(
                        "Leaders put the shared goals before the interests of their own "
                        "organization.",
                        "המובילים מעמידים את המטרות המשותפות לפני האינטרסים של הארגון שלהם.",
                        "يقدّم القادة الأهداف المشتركة على مصالح منظماتهم.",
                    ),
                ),
            ],
        ),
        _section(
            "strategies",
            _t(
                "Program and system strategies",
                "אסטרטגיות של תוכניות ושל מערכת",
                "استراتيجيات البرامج والمنظومة",
            ),
            _t(
                "The work improves programs and also changes the systems around them.",
                "העבודה משפרת תוכניות וגם משנה את המערכות שסביבן.",
                "يحسّن العمل البرامج ويغيّر أيضًا المنظومات المحيطة بها.",
            ),
            [
                (
                    "beyond-programs",
                    _t(
                        "Besides programs, the strategies address policies, practices and how "
                        "resources flow.",
                        "מעבר לתוכניות, האסטרטגיות עוסקות במדיניות, בדרכי העבודה ובאופן שבו "
                        "משאבים זורמים.",
                        "إلى جانب البرامج، تتناول الاستراتيجيات السياسات والممارسات وطريقة تدفّق "
                        "الموارد.",
                    ),
                ),
                (
                    "scale-what-works",
                    _t(
                        "What works is spread further, and what does not work is stopped.",
                        "מה שמצליח מורחב, ומה שאינו מצליח נעצר.",
                        "يُوسَّع ما ينجح، ويُوقَف ما لا ينجح.",
                    ),
                ),
            ],
        ),
        _section(
            "relationships-trust",
            _t("Relationships and trust", "יחסים ואמון", "العلاقات والثقة"),
            _t(
                "The partners know one another and trust one another.",
                "השותפים מכירים זה את זה וסומכים זה על זה.",
                "يعرف الشركاء بعضهم بعضًا ويثقون ببعضهم.",
            ),
            [
                (
                    "time-for-relationships",
                    _t(
                        "The initiative makes time for the partners to build relationships.",
                        "היוזמה מקדישה זמן לבניית יחסים בין השותפים.",
                        "تخصّص المبادرة وقتًا لبناء العلاقات بين الشركاء.",
                    ),
                ),
                (
                    "keep-commitments",
                    _t(
                        "Partners keep the commitments they make to one another.",
                        "השותפים עומדים בהתחייבויות שהם נותנים זה לזה.",
                        "يفي الشركاء بالالتزامات التي يقطعونها لبعضهم بعضًا.",
                    ),
                ),
            ],
        ),
        _section(
            "local-context",
            _t("Local context", "הקשר מקומי", "السياق المحلي"),
            _t(
                "The work fits the place: its people, its history and its existing efforts.",
                "העבודה מותאמת למקום: לאנשים שלו, להיסטוריה שלו ולמאמצים הקיימים בו.",
                "يتلاءم العمل مع المكان: مع ناسه وتاريخه والجهود القائمة فيه.",
            ),
            [
                (
                    "builds-on-existing",
                    _t(
                        "The initiative builds on the efforts already under way in the area.",
                        "היוזמה נשענת על המאמצים שכבר מתקיימים באזור.",
                        "تبني المبادرة على الجهود القائمة أصلًا في المنطقة.",
                    ),
                ),
                (
                    "adapted-to-place",
                    _t(
                        "Strategies are adapted to local culture, language and conditions.",
                        "האסטרטגיות מותאמות לתרבות, לשפה ולתנאים המקומיים.",
                        "تُكيَّف الاستراتيجيات مع الثقافة واللغة والظروف المحلية.",
                    ),
                ),
            ],
        ),
    ],
}

READINESS = {
    "key": "readiness",
    "kind": "readiness",
    "name": _t(
        "Readiness for collective impact",
        "מוכנות לאימפקט קולקטיבי",
        "الجاهزية للأثر الجماعي",
    ),
    "description": _t(
        "Before the initiative starts (phase 0): are the preconditions for working together "
        "in place?",
        "לפני שהיוזמה יוצאת לדרך (שלב 0): האם התנאים המקדימים לעבודה משותפת קיימים?",
        "قبل انطلاق المبادرة (المرحلة 0): هل الشروط المسبقة للعمل المشترك متوفّرة؟",
    ),
    "sections": [
        _section(
            "champion",
            _t("An influential champion", "מוביל בעל השפעה", "قائد مؤثّر"),
            _t(
                "A respected leader who can bring the right people to the table.",
                "מוביל מוערך שמסוגל להביא את האנשים הנכונים אל השולחן.",
                "قائد يحظى بالاحترام وقادر على جمع الأشخاص المناسبين حول الطاولة.",
            ),
            [
                (
                    "champion-identified",
                    _t(
                        "There is at least one leader who is respected across sectors and "
                        "willing to lead.",
                        "יש לפחות מוביל אחד שזוכה להערכה בכל המגזרים ומוכן להוביל.",
                        "يوجد قائد واحد على الأقل يحظى بالاحترام في مختلف القطاعات ومستعدّ للقيادة.",
                    ),
                ),
                (
                    "champion-convenes",
                    _t(
                        "The champion can bring the heads of the key organizations together.",
                        "המוביל מסוגל לכנס את ראשי הארגונים המרכזיים.",
                        "يستطيع هذا القائد جمع رؤساء المنظمات الرئيسية.",
                    ),
                ),
            ],
        ),
        _section(
            "resources",
            _t("Adequate resources", "משאבים מספיקים", "موارد كافية"),
            _t(
                "Money and people to support at least the first years of the work.",
                "כסף ואנשים שיתמכו לפחות בשנים הראשונות של העבודה.",
                "مال وأشخاص لدعم السنوات الأولى من العمل على الأقل.",
            ),
            [
                (
                    "planning-funded",
                    _t(
                        "Funding for the planning stage has been secured.",
                        "הובטח מימון לשלב התכנון.",
                        "تمّ تأمين التمويل لمرحلة التخطيط.",
                    ),
                ),
                (
                    "funders-committed",
                    _t(
                        "At least one funder is ready to support the effort for several years.",
                        "לפחות גורם מממן אחד מוכן לתמוך במאמץ לאורך כמה שנים.",
                        "هناك جهة مانحة واحدة على الأقل مستعدّة لدعم الجهد لعدة سنوات.",
                    ),
                ),
            ],
        ),
        _section(
            "urgency",
            _t("A sense of urgency", "תחושת דחיפות", "الشعور بالإلحاح"),
            _t(
                "A shared feeling that the issue cannot wait and that a new approach is needed.",
                "תחושה משותפת שהסוגיה אינה יכולה לחכות ושנדרשת גישה חדשה.",
                "شعور مشترك بأن القضية لا تحتمل الانتظار وبأن هناك حاجة إلى نهج جديد.",
            ),
            [
                (
                    "issue-pressing",
                    _t(
                        "The issue is widely seen as pressing by the public and by decision "
                        "makers.",
                        "הציבור ומקבלי ההחלטות רואים בסוגיה עניין בוער.",
                        "يرى الجمهور وصنّاع القرار على نطاق واسع أن القضية ملحّة.",
                    ),
                ),
                (
                    "new-approach",
                    _t(
                        "The organizations involved agree that working alone has not been enough.",
                        "הארגונים המעורבים מסכימים שעבודה לבד לא הספיקה.",
                        "تتفق المنظمات المعنية على أن العمل المنفرد لم يكن كافيًا.",
                    ),
                ),
            ],
        ),
        _section(
            "collaboration-history",
            _t("A history of working together", "ניסיון בעבודה משותפת", "تاريخ من العمل المشترك"),
            _t(
                "Earlier cooperation that the new effort can build on.",
                "שיתופי פעולה קודמים שהמאמץ החדש יכול להישען עליהם.",
                "تعاون سابق يمكن للجهد الجديد أن يبني عليه.",
            ),
            [
                (
                    "past-cooperation",
                    _t(
                        "Some of the organizations have worked together successfully before.",
                        "חלק מהארגונים כבר עבדו יחד בהצלחה בעבר.",
                        "سبق لبعض المنظمات أن عملت معًا بنجاح.",
                    ),
                ),
                (
                    "lessons-known",
                    _t(
                        "The lessons of earlier joint efforts, good and bad, are known and "
                        "discussed.",
                        "הלקחים ממאמצים משותפים קודמים, לטוב ולרע, ידועים ונדונים.",
                        "الدروس المستفادة من جهود مشتركة سابقة، إيجابية كانت أم سلبية، معروفة "
                        "وتجري مناقشتها.",
                    ),
                ),
            ],
        ),
        _section(
            "data",
            _t("Data on the issue", "נתונים על הסוגיה", "بيانات حول القضية"),
            _t(
                "Enough information to understand the problem and to follow change.",
                "מידע מספיק כדי להבין את הבעיה ולעקוב אחר השינוי.",
                "معلومات كافية لفهم المشكلة ومتابعة التغيير.",
            ),
            [
                (
                    "data-exists",
                    _t(
                        "Reliable data on the issue exists and can be reached.",
                        "קיימים נתונים מהימנים על הסוגיה, ואפשר להגיע אליהם.",
                        "توجد بيانات موثوقة حول القضية ويمكن الوصول إليها.",
                    ),
                ),
                (
                    "willing-to-share",
                    _t(
                        "The organizations are willing to share their data with one another.",
                        "הארגונים מוכנים לשתף זה את זה בנתונים שלהם.",
                        "المنظمات مستعدّة لتبادل بياناتها فيما بينها.",
                    ),
                ),
            ],
        ),
        _section(
            "community-voice",
            _t("The community's voice", "קול הקהילה", "صوت المجتمع"),
            _t(
                "The people affected by the issue are ready to take part.",
                "האנשים המושפעים מהסוגיה מוכנים לקחת חלק.",
                "الأشخاص المتأثرون بالقضية مستعدّون للمشاركة.",
            ),
            [
                (
                    "community-reached",
                    _t(
                        "There are ways to reach the community and hear what it thinks.",
                        "יש דרכים להגיע לקהילה ולשמוע את עמדותיה.",
                        "توجد طرق للوصول إلى المجتمع والاستماع إلى آرائه.",
                    ),
                ),
                (
                    "community-leaders",
                    _t(
                        "Community leaders are interested in joining the effort.",
                        "מנהיגי הקהילה מעוניינים להצטרף למאמץ.",
                        "قادة المجتمع مهتمّون بالانضمام إلى هذا الجهد.",
                    ),
                ),
            ],
        ),
    ],
}

BACKBONE_EFFECTIVENESS = {
    "key": "backbone-effectiveness",
    "kind": "backbone",
    "name": _t(
        "The backbone's effectiveness, as the partners see it",
        "אפקטיביות ארגון השדרה בעיני השותפים",
        "فعالية المنظمة المحورية كما يراها الشركاء",
    ),
    "description": _t(
        "The partners rate how well the backbone carries out each of its six functions.",
        "השותפים מדרגים עד כמה ארגון השדרה ממלא היטב כל אחד משישת תפקידיו.",
        "يقيّم الشركاء مدى نجاح المنظمة المحورية في أداء كل وظيفة من وظائفها الست.",
    ),
    "sections": [
        _section(
            "vision",
            _t(
                "Guide vision and strategy",
                "הכוונת החזון והאסטרטגיה",
                "توجيه الرؤية والاستراتيجية",
            ),
            _t(
                "Keeping the partners focused on the common agenda.",
                "שמירה על מיקוד השותפים באג'נדה המשותפת.",
                "إبقاء الشركاء مركّزين على الأجندة المشتركة.",
            ),
            [
                (
                    "keeps-focus",
                    _t(
                        "The backbone keeps the partners' attention on the shared vision and "
                        "goals.",
                        "ארגון השדרה שומר על תשומת הלב של השותפים בחזון ובמטרות המשותפים.",
                        "تُبقي المنظمة المحورية اهتمام الشركاء منصبًّا على الرؤية والأهداف المشتركة.",
                    ),
                ),
                (
                    "strategy-updated",
                    _t(
                        "The backbone leads the partners in updating the strategy when things "
                        "change.",
                        "ארגון השדרה מוביל את השותפים בעדכון האסטרטגיה כשהנסיבות משתנות.",
                        "تقود المنظمة المحورية الشركاء في تحديث الاستراتيجية عندما تتغيّر الظروف.",
                    ),
                ),
            ],
        ),
        _section(
            "activities",
            _t(
                "Support aligned activities",
                "תמיכה בפעילויות מתואמות",
                "دعم الأنشطة المتّسقة",
            ),
            _t(
                "Helping the partners coordinate what they do.",
                "סיוע לשותפים לתאם את מה שהם עושים.",
                "مساعدة الشركاء على تنسيق ما يقومون به.",
            ),
            [
                (
                    "connects-partners",
                    _t(
                        "The backbone connects partners whose work could support each other.",
                        "ארגון השדרה מחבר בין שותפים שהעבודה שלהם יכולה לחזק זו את זו.",
                        "تربط المنظمة المحورية بين الشركاء الذين يمكن لعملهم أن يدعم بعضه بعضًا.",
                    ),
                ),
                (
                    "working-groups-supported",
                    _t(
                        "The working groups get the support they need to move forward.",
                        "צוותי העבודה מקבלים את התמיכה שהם צריכים כדי להתקדם.",
                        "تحصل فرق العمل على الدعم الذي تحتاجه للمضيّ قدمًا.",
                    ),
                ),
            ],
        ),
        _section(
            "measurement",
            _t(
                "Establish shared measurement practices",
                "ביסוס שיטות של מדידה משותפת",
                "إرساء ممارسات القياس المشترك",
            ),
            _t(
                "Running the shared data: collection, quality and use.",
                "ניהול הנתונים המשותפים: איסוף, איכות ושימוש.",
                "إدارة البيانات المشتركة: جمعها وجودتها واستخدامها.",
            ),
            [
                (
                    "reporting-easy",
                    _t(
                        "The backbone makes reporting data clear and manageable for the partners.",
                        "ארגון השדרה הופך את דיווח הנתונים לברור ולנוח עבור השותפים.",
                        "تجعل المنظمة المحورية الإبلاغ عن البيانات واضحًا وسهلًا على الشركاء.",
                    ),
                ),
                (
                    "results-shared",
                    _t(
                        "The backbone shares the results back with the partners in a useful form.",
                        "ארגון השדרה משתף את השותפים בתוצאות באופן שמועיל להם.",
                        "تشارك المنظمة المحورية النتائج مع الشركاء بصيغة مفيدة لهم.",
                    ),
                ),
            ],
        ),
        _section(
            "public_will",
            _t("Build public will", "בניית רצון ציבורי", "بناء الإرادة العامة"),
            _t(
                "Bringing the public and the community along.",
                "גיוס הציבור והקהילה למאמץ.",
                "كسب تأييد الجمهور والمجتمع.",
            ),
            [
                (
                    "public-aware",
                    _t(
                        "The backbone makes the issue and the initiative known to the public.",
                        "ארגון השדרה מביא את הסוגיה ואת היוזמה לידיעת הציבור.",
                        "تعرّف المنظمة المحورية الجمهور بالقضية وبالمبادرة.",
                    ),
                ),
                (
                    "community-engaged",
                    _t(
                        "The backbone creates real ways for community members to take part.",
                        "ארגון השדרה יוצר דרכים ממשיות לחברי הקהילה לקחת חלק.",
                        "تُوجد المنظمة المحورية سبلًا حقيقية لمشاركة أفراد المجتمع.",
                    ),
                ),
            ],
        ),
        _section(
            "policy",
            _t("Advance policy", "קידום מדיניות", "تعزيز السياسات"),
            _t(
                "Moving the policies that affect the issue.",
                "קידום המדיניות שמשפיעה על הסוגיה.",
                "الدفع بالسياسات المؤثّرة في القضية.",
            ),
            [
                (
                    "policy-agenda",
                    _t(
                        "The backbone helps the partners agree on which policies to pursue.",
                        "ארגון השדרה מסייע לשותפים להסכים על המדיניות שיש לקדם.",
                        "تساعد المنظمة المحورية الشركاء على الاتفاق على السياسات التي ينبغي "
                        "السعي إليها.",
                    ),
                ),
                (
                    "decision-makers",
                    _t(
                        "The backbone brings the initiative's case to decision makers.",
                        "ארגון השדרה מציג את עמדת היוזמה בפני מקבלי ההחלטות.",
                        "تنقل المنظمة المحورية موقف المبادرة إلى صنّاع القرار.",
                    ),
                ),
            ],
        ),
        _section(
            "funding",
            _t("Mobilize funding", "גיוס מימון", "حشد التمويل"),
            _t(
                "Bringing resources to the shared work.",
                "גיוס משאבים לעבודה המשותפת.",
                "استقطاب الموارد للعمل المشترك.",
            ),
            [
                (
                    "funds-raised",
                    _t(
                        "The backbone raises money for the initiative's shared priorities.",
                        "ארגון השדרה מגייס כסף לסדרי העדיפויות המשותפים של היוזמה.",
                        "تجمع المنظمة المحورية الأموال لأولويات المبادرة المشتركة.",
                    ),
                ),
                (
                    "funders-aligned",
                    _t(
                        "The backbone helps funders direct their support to the common agenda.",
                        "ארגון השדרה מסייע לגורמים המממנים לכוון את תמיכתם לאג'נדה המשותפת.",
                        "تساعد المنظمة المحورية الجهات المانحة على توجيه دعمها نحو الأجندة "
                        "المشتركة.",
                    ),
                ),
            ],
        ),
    ],
}

SPHERE_PRINCIPLES = {
    "key": "sphere-principles",
    "kind": "sphere",
    "name": _t(
        "The principles of an impact sphere",
        "העקרונות של מרחב השפעה",
        "مبادئ فضاء التأثير",
    ),
    "description": _t(
        "How the sphere lives its principles: autonomy, reciprocity, trust, open "
        "participation and coordination with the facilitator.",
        "כיצד המרחב מממש את עקרונותיו: אוטונומיה, הדדיות, אמון, השתתפות פתוחה ותיאום עם המנחה.",
        "كيف يجسّد الفضاء مبادئه: الاستقلالية، والمعاملة بالمثل، والثقة، والمشاركة المفتوحة، "
        "والتنسيق مع الميسِّر.",
    ),
    "sections": [
        _section(
            "autonomy",
            _t("Autonomy", "אוטונומיה", "الاستقلالية"),
            _t(
                "Each organization keeps its own identity and decisions.",
                "כל ארגון שומר על זהותו ועל החלטותיו.",
                "تحافظ كل منظمة على هويتها وقراراتها.",
            ),
            [
                (
                    "own-decisions",
                    _t(
                        "Each organization decides for itself how it takes part in joint work.",
                        "כל ארגון מחליט בעצמו כיצד הוא לוקח חלק בעבודה המשותפת.",
                        "تقرّر كل منظمة بنفسها كيفية مشاركتها في العمل المشترك.",
                    ),
                ),
                (
                    "identity-respected",
                    _t(
                        "Taking part in the sphere has not weakened any organization's identity.",
                        "ההשתתפות במרחב לא החלישה את הזהות של אף ארגון.",
                        "لم تُضعف المشاركة في الفضاء هوية أي منظمة.",
                    ),
                ),
            ],
        ),
        _section(
            "reciprocity",
            _t("Reciprocity", "הדדיות", "المعاملة بالمثل"),
            _t(
                "Members give to the sphere and receive from it.",
                "החברים נותנים למרחב ומקבלים ממנו.",
                "يقدّم الأعضاء للفضاء ويستفيدون منه.",
            ),
            [
                (
                    "give-and-take",
                    _t(
                        "Members share knowledge and resources and get value back.",
                        "החברים משתפים ידע ומשאבים ומקבלים ערך בתמורה.",
                        "يتبادل الأعضاء المعرفة والموارد ويحصلون على قيمة في المقابل.",
                    ),
                ),
                (
                    "fair-share",
                    _t(
                        "The effort of the joint work is shared fairly among the members.",
                        "המאמץ של העבודה המשותפת מתחלק באופן הוגן בין החברים.",
                        "يتوزّع عبء العمل المشترك بإنصاف بين الأعضاء.",
                    ),
                ),
            ],
        ),
        _section(
            "trust",
            _t("Trust", "אמון", "الثقة"),
            _t(
                "Members rely on one another and speak openly.",
                "החברים סומכים זה על זה ומדברים בפתיחות.",
                "يعتمد الأعضاء على بعضهم بعضًا ويتحدّثون بصراحة.",
            ),
            [
                (
                    "candid-talk",
                    _t(
                        "The CEOs speak candidly in the sphere, including about failures.",
                        'המנכ"לים מדברים במרחב בכנות, גם על כישלונות.',
                        "يتحدّث المديرون التنفيذيون في الفضاء بصراحة، حتى عن الإخفاقات.",
                    ),
                ),
                (
                    "confidence-kept",
                    _t(
                        "What is shared in confidence in the sphere stays there.",
                        "מה שנאמר במרחב בסודיות נשאר בו.",
                        "ما يُقال في الفضاء على سبيل الثقة يبقى داخله.",
                    ),
                ),
            ],
        ),
        _section(
            "open-participation",
            _t("Open participation", "השתתפות פתוחה", "المشاركة المفتوحة"),
            _t(
                "Any organization working on the issue may join.",
                "כל ארגון שפועל בסוגיה יכול להצטרף.",
                "يمكن لأي منظمة تعمل على القضية أن تنضمّ.",
            ),
            [
                (
                    "open-door",
                    _t(
                        "Organizations working on the issue know they are welcome to join.",
                        "ארגונים שפועלים בסוגיה יודעים שהם מוזמנים להצטרף.",
                        "تعلم المنظمات العاملة على القضية أنها مرحَّب بها للانضمام.",
                    ),
                ),
                (
                    "newcomers-included",
                    _t(
                        "New members are brought into the work quickly and as equals.",
                        "חברים חדשים משתלבים בעבודה במהירות וכשווים.",
                        "يُدمج الأعضاء الجدد في العمل بسرعة وعلى قدم المساواة.",
                    ),
                ),
            ],
        ),
        _section(
            "facilitator-coordination",
            _t(
                "Coordination with the facilitator",
                "תיאום עם המנחה",
                "التنسيق مع الميسِّر",
            ),
            _t(
                "A professional facilitator guides the sphere's process.",
                "מנחה מקצועי מוביל את התהליך של המרחב.",
                "يقود ميسِّر محترف مسار عمل الفضاء.",
            ),
            [
                (
                    "process-guided",
                    _t(
                        "The facilitator keeps the sphere's meetings focused and productive.",
                        "המנחה שומר על מפגשי המרחב ממוקדים ופוריים.",
                        "يحافظ الميسِّر على تركيز لقاءات الفضاء وجدواها.",
                    ),
                ),
                (
                    "members-heard",
                    _t(
                        "The facilitator makes sure every member's voice is heard.",
                        "המנחה מקפיד שקולו של כל חבר יישמע.",
                        "يحرص الميسِّر على أن يُسمَع صوت كل عضو.",
                    ),
                ),
            ],
        ),
    ],
}

TEMPLATES: list[dict] = [
    FIVE_CONDITIONS,
    PRINCIPLES,
    READINESS,
    BACKBONE_EFFECTIVENESS,
    SPHERE_PRINCIPLES,
]


def _fields(texts: dict[str, tuple[str, str, str]]) -> dict:
    """Originals in English, versions in Hebrew and Arabic, as the models keep them."""
    row = {name: en for name, (en, _he, _ar) in texts.items()}
    row["language"] = "en"
    row["translations"] = {name: {"he": he, "ar": ar} for name, (_en, he, ar) in texts.items()}
    return row


def rows() -> list[dict]:
    """The templates as rows for the models: each template's fields, with its sections and
    their benchmarks in order (the shape the data migration freezes)."""
    out = []
    for template in TEMPLATES:
        sections = []
        for s_order, section in enumerate(template["sections"], start=1):
            benchmarks = [
                {"key": b["key"], "order": b_order, **_fields({"text": b["text"]})}
                for b_order, b in enumerate(section["benchmarks"], start=1)
            ]
            fields = _fields({"name": section["name"], "description": section["description"]})
            sections.append(
                {"key": section["key"], "order": s_order, **fields, "benchmarks": benchmarks}
            )
        fields = _fields({"name": template["name"], "description": template["description"]})
        out.append(
            {
                "key": template["key"],
                "version": VERSION,
                "kind": template["kind"],
                **fields,
                "sections": sections,
            }
        )
    return out
