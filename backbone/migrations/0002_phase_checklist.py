"""The platform's phase checklist (32 items: phase × component × 2), English with Hebrew and
Arabic versions. A copy of backbone.phase_checklist as it was when written: a migration must
not change when that module does. Reversed, the items (and the checks made on them) go."""

from django.db import migrations

# (key, phase, component, order, English, Hebrew, Arabic)
ITEMS = [
    ('p0-governance-champions', 0, 'governance', 1, 'Identify influential champions willing to lead the initiative.', 'לזהות מובילים בעלי השפעה המוכנים להוביל את היוזמה.', 'تحديد قادة مؤثرين مستعدين لقيادة المبادرة.'),
    ('p0-governance-resources', 0, 'governance', 2, 'Secure initial financial resources for the planning stage.', 'להבטיח משאבים כספיים ראשוניים לשלב התכנון.', 'تأمين موارد مالية أولية لمرحلة التخطيط.'),
    ('p0-planning-urgency', 0, 'planning', 1, 'Confirm a shared sense of urgency for change on the issue.', 'לוודא שקיימת תחושת דחיפות משותפת לשינוי בנושא.', 'التأكد من وجود شعور مشترك بإلحاح التغيير في هذه القضية.'),
    ('p0-planning-issue', 0, 'planning', 2, 'Define the social issue and the geography the initiative will address.', 'להגדיר את הסוגיה החברתית ואת האזור הגאוגרפי שבהם תעסוק היוזמה.', 'تحديد القضية الاجتماعية والمنطقة الجغرافية التي ستعمل عليها المبادرة.'),
    ('p0-community-stakeholders', 0, 'community', 1, 'Map the key stakeholders, including people with lived experience of the issue.', 'למפות את בעלי העניין המרכזיים, ובהם אנשים בעלי ניסיון חיים בנושא.', 'رسم خريطة لأصحاب المصلحة الرئيسيين، بمن فيهم أشخاص ذوو تجربة معاشة في القضية.'),
    ('p0-community-readiness', 0, 'community', 2, "Assess the community's readiness and its history of working together.", 'להעריך את מוכנות הקהילה ואת ניסיון העבר שלה בעבודה משותפת.', 'تقييم جاهزية المجتمع وتاريخه في العمل المشترك.'),
    ('p0-evaluation-existing-data', 0, 'evaluation', 1, 'Check what data on the issue already exists.', 'לבדוק אילו נתונים על הנושא כבר קיימים.', 'فحص البيانات المتوفرة أصلًا حول القضية.'),
    ('p0-evaluation-readiness-assessment', 0, 'evaluation', 2, 'Complete a readiness assessment and share its conclusions with the partners.', 'להשלים הערכת מוכנות ולשתף את מסקנותיה עם השותפים.', 'إجراء تقييم للجاهزية ومشاركة استنتاجاته مع الشركاء.'),
    ('p1-governance-steering-committee', 1, 'governance', 1, 'Convene a cross-sector steering committee.', 'לכנס ועדת היגוי רב-מגזרית.', 'تشكيل لجنة توجيهية متعددة القطاعات.'),
    ('p1-governance-roles', 1, 'governance', 2, "Agree on the steering committee's roles, decision-making and meeting schedule.", 'להסכים על תפקידי ועדת ההיגוי, על דרך קבלת ההחלטות ועל לוח הפגישות.', 'الاتفاق على أدوار اللجنة التوجيهية وطريقة اتخاذ القرارات وجدول الاجتماعات.'),
    ('p1-planning-data-landscape', 1, 'planning', 1, 'Map the data landscape: existing sources, gaps and who holds the data.', 'למפות את תמונת הנתונים: מקורות קיימים, פערים ומי מחזיק בנתונים.', 'رسم خريطة البيانات: المصادر المتوفرة والفجوات ومن يملك البيانات.'),
    ('p1-planning-analysis', 1, 'planning', 2, "Analyse the data to identify the main problems and the community's assets.", 'לנתח את הנתונים כדי לזהות את הבעיות המרכזיות ואת נכסי הקהילה.', 'تحليل البيانات لتحديد المشاكل الرئيسية ومواطن القوة في المجتمع.'),
    ('p1-community-engagement', 1, 'community', 1, 'Engage the community through listening sessions and public meetings.', 'לשתף את הקהילה באמצעות מפגשי הקשבה ומפגשים פתוחים לציבור.', 'إشراك المجتمع من خلال جلسات استماع ولقاءات عامة.'),
    ('p1-community-communication', 1, 'community', 2, "Keep partners and the public informed about the initiative's launch.", 'לעדכן את השותפים ואת הציבור באופן שוטף על השקת היוזמה.', 'إطلاع الشركاء والجمهور بانتظام على انطلاق المبادرة.'),
    ('p1-evaluation-baseline', 1, 'evaluation', 1, 'Establish the baseline against which progress will be measured.', 'לקבוע את נקודת המוצא שמולה תימדד ההתקדמות.', 'تحديد خط الأساس الذي سيُقاس التقدم بالمقارنة معه.'),
    ('p1-evaluation-learning', 1, 'evaluation', 2, 'Agree on how the initiative will learn from its early work.', 'להסכים כיצד היוזמה תלמד מעבודתה הראשונית.', 'الاتفاق على كيفية تعلّم المبادرة من عملها في بداياته.'),
    ('p2-governance-backbone', 2, 'governance', 1, 'Establish a backbone organization with dedicated staff.', 'להקים ארגון שדרה עם צוות ייעודי.', 'إنشاء منظمة محورية ذات طاقم مخصص.'),
    ('p2-governance-working-groups', 2, 'governance', 2, 'Form working groups around the strategies of the common agenda.', "להקים צוותי עבודה סביב האסטרטגיות של האג'נדה המשותפת.", 'تشكيل فرق عمل حول استراتيجيات الأجندة المشتركة.'),
    ('p2-planning-common-agenda', 2, 'planning', 1, 'Adopt a common agenda with a shared vision and goals.', "לאמץ אג'נדה משותפת עם חזון ומטרות משותפים.", 'اعتماد أجندة مشتركة ذات رؤية وأهداف مشتركة.'),
    ('p2-planning-strategies', 2, 'planning', 2, "Agree on strategies and on each partner's mutually reinforcing activities.", 'להסכים על אסטרטגיות ועל הפעילויות המחזקות זו את זו של כל שותף.', 'الاتفاق على الاستراتيجيات وعلى الأنشطة المتعاضدة لكل شريك.'),
    ('p2-community-input', 2, 'community', 1, "Gather the community's input on the common agenda before it is adopted.", "לאסוף את עמדות הקהילה על האג'נדה המשותפת לפני אימוצה.", 'جمع آراء المجتمع حول الأجندة المشتركة قبل اعتمادها.'),
    ('p2-community-working-groups', 2, 'community', 2, 'Invite community members to take part in the working groups.', 'להזמין חברי קהילה לקחת חלק בצוותי העבודה.', 'دعوة أفراد من المجتمع للمشاركة في فرق العمل.'),
    ('p2-evaluation-shared-measures', 2, 'evaluation', 1, 'Agree on shared measures and indicators for the common agenda.', "להסכים על מדדים משותפים ועל אינדיקטורים לאג'נדה המשותפת.", 'الاتفاق على مقاييس ومؤشرات مشتركة للأجندة المشتركة.'),
    ('p2-evaluation-measurement-system', 2, 'evaluation', 2, 'Set up a shared measurement system and a schedule for reporting data.', 'להקים מערכת מדידה משותפת ולוח זמנים לדיווח הנתונים.', 'إنشاء نظام قياس مشترك وجدول زمني للإبلاغ عن البيانات.'),
    ('p3-governance-funding', 3, 'governance', 1, 'Secure long-term funding for the backbone and the working groups.', 'להבטיח מימון ארוך טווח לארגון השדרה ולצוותי העבודה.', 'تأمين تمويل طويل الأمد للمنظمة المحورية ولفرق العمل.'),
    ('p3-governance-renewal', 3, 'governance', 2, 'Review the governance structure regularly and renew its membership.', 'לבחון את מבנה הממשל באופן קבוע ולחדש את הרכבו.', 'مراجعة هيكل الحوكمة بانتظام وتجديد عضويته.'),
    ('p3-planning-refine', 3, 'planning', 1, 'Refine the common agenda and its strategies in the light of the results.', "לחדד את האג'נדה המשותפת ואת האסטרטגיות שלה לאור התוצאות.", 'تحسين الأجندة المشتركة واستراتيجياتها في ضوء النتائج.'),
    ('p3-planning-scale', 3, 'planning', 2, 'Scale up the strategies that work and stop those that do not.', 'להרחיב את האסטרטגיות שמצליחות ולהפסיק את אלה שלא.', 'توسيع الاستراتيجيات الناجحة ووقف تلك التي لا تنجح.'),
    ('p3-community-ownership', 3, 'community', 1, 'Support the community in leading and owning the work.', 'לתמוך בקהילה כך שתוביל את העבודה ותחוש בעלות עליה.', 'دعم المجتمع ليقود العمل ويشعر بملكيته له.'),
    ('p3-community-report-back', 3, 'community', 2, 'Report progress back to the community regularly.', 'לדווח לקהילה על ההתקדמות באופן קבוע.', 'إطلاع المجتمع على التقدم بانتظام.'),
    ('p3-evaluation-review', 3, 'evaluation', 1, 'Evaluate progress against the shared measures and publish the findings.', 'להעריך את ההתקדמות מול המדדים המשותפים ולפרסם את הממצאים.', 'تقييم التقدم وفق المقاييس المشتركة ونشر النتائج.'),
    ('p3-evaluation-improve', 3, 'evaluation', 2, 'Use the data in regular learning sessions to improve the work.', 'להשתמש בנתונים במפגשי למידה קבועים כדי לשפר את העבודה.', 'استخدام البيانات في جلسات تعلّم منتظمة لتحسين العمل.'),
]


def load(apps, schema_editor):
    PhaseItem = apps.get_model("backbone", "PhaseItem")
    for key, phase, component, order, en, he, ar in ITEMS:
        PhaseItem.objects.update_or_create(
            key=key,
            defaults={
                "phase": phase,
                "component": component,
                "order": order,
                "text": en,
                "language": "en",
                "translations": {"text": {"he": he, "ar": ar}},
            },
        )


def unload(apps, schema_editor):
    PhaseItem = apps.get_model("backbone", "PhaseItem")
    PhaseItem.objects.filter(key__in=[row[0] for row in ITEMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("backbone", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
