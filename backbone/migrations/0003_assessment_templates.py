"""The platform's five assessment instruments (the five conditions, the principles of
practice, readiness, the backbone's effectiveness, a sphere's principles), version 1, English
with Hebrew and Arabic versions. A frozen copy of backbone.assessment_templates.rows() as it
was when written: a migration must not change when that module does. Loading is idempotent
(update_or_create by key and version among the shipped templates, then by key within each);
reversed, the shipped templates of version 1 go with their sections and benchmarks (a copy made
from one keeps its own rows; its `based_on` is emptied)."""

from django.db import migrations

# fmt: off
TEMPLATES = [{'key': 'five-conditions',
  'version': 1,
  'kind': 'conditions',
  'name': 'The five conditions of collective impact',
  'description': 'How far the initiative has come on each of the five conditions: a common agenda, '
                 'shared measurement, mutually reinforcing activities, continuous communication '
                 'and a backbone organization.',
  'language': 'en',
  'translations': {'name': {'he': 'חמשת התנאים של אימפקט קולקטיבי',
                            'ar': 'الشروط الخمسة للأثر الجماعي'},
                   'description': {'he': "עד כמה התקדמה היוזמה בכל אחד מחמשת התנאים: אג'נדה "
                                         'משותפת, מדידה משותפת, פעילויות מחזקות הדדית, תקשורת '
                                         'רציפה וארגון שדרה.',
                                   'ar': 'إلى أي مدى تقدّمت المبادرة في كل شرط من الشروط الخمسة: '
                                         'الأجندة المشتركة، والقياس المشترك، والأنشطة التي يعزّز '
                                         'بعضها بعضًا، والتواصل المستمر، والمنظمة المحورية.'}},
  'sections': [{'key': 'agenda',
                'order': 1,
                'name': 'Common agenda',
                'description': 'A shared vision of change, a shared understanding of the problem '
                               'and an agreed way to solve it.',
                'language': 'en',
                'translations': {'name': {'he': "אג'נדה משותפת", 'ar': 'الأجندة المشتركة'},
                                 'description': {'he': 'חזון משותף לשינוי, הבנה משותפת של הבעיה '
                                                       'ודרך מוסכמת לפתור אותה.',
                                                 'ar': 'رؤية مشتركة للتغيير، وفهم مشترك للمشكلة، '
                                                       'وطريقة متفق عليها لحلّها.'}},
                'benchmarks': [{'key': 'shared-vision',
                                'order': 1,
                                'text': 'The partners share one vision of the change they want to '
                                        'see.',
                                'language': 'en',
                                'translations': {'text': {'he': 'השותפים חולקים חזון אחד של השינוי '
                                                                'שהם רוצים לראות.',
                                                          'ar': 'يتشارك الشركاء رؤية واحدة للتغيير '
                                                                'الذي يريدون تحقيقه.'}}},
                               {'key': 'problem-definition',
                                'order': 2,
                                'text': 'The partners agree on how the problem is defined and what '
                                        'causes it.',
                                'language': 'en',
                                'translations': {'text': {'he': 'השותפים מסכימים על הגדרת הבעיה '
                                                                'ועל הגורמים לה.',
                                                          'ar': 'يتفق الشركاء على تعريف المشكلة '
                                                                'وعلى أسبابها.'}}},
                               {'key': 'goals-strategies',
                                'order': 3,
                                'text': 'Goals and strategies have been set together and are '
                                        'written down.',
                                'language': 'en',
                                'translations': {'text': {'he': 'המטרות והאסטרטגיות נקבעו יחד והן '
                                                                'מתועדות בכתב.',
                                                          'ar': 'وُضعت الأهداف والاستراتيجيات معًا '
                                                                'وهي موثّقة كتابيًا.'}}},
                               {'key': 'endorsement',
                                'order': 4,
                                'text': "Each partner's leadership has endorsed the agenda and "
                                        'refers to it when deciding.',
                                'language': 'en',
                                'translations': {'text': {'he': 'ההנהלה של כל שותף אישרה את '
                                                                "האג'נדה ונשענת עליה בקבלת החלטות.",
                                                          'ar': 'صادقت قيادة كل شريك على الأجندة '
                                                                'وتستند إليها عند اتخاذ '
                                                                'القرارات.'}}}]},
               {'key': 'measurement',
                'order': 2,
                'name': 'Shared measurement',
                'description': 'A small set of indicators that every partner measures and reports '
                               'the same way.',
                'language': 'en',
                'translations': {'name': {'he': 'מדידה משותפת', 'ar': 'القياس المشترك'},
                                 'description': {'he': 'סט קטן של מדדים שכל השותפים מודדים '
                                                       'ומדווחים באותו אופן.',
                                                 'ar': 'مجموعة صغيرة من المؤشرات يقيسها جميع '
                                                       'الشركاء ويبلّغون عنها بالطريقة نفسها.'}},
                'benchmarks': [{'key': 'indicators-agreed',
                                'order': 1,
                                'text': 'The partners have agreed on a short list of shared '
                                        'indicators.',
                                'language': 'en',
                                'translations': {'text': {'he': 'השותפים הסכימו על רשימה קצרה של '
                                                                'מדדים משותפים.',
                                                          'ar': 'اتفق الشركاء على قائمة قصيرة من '
                                                                'المؤشرات المشتركة.'}}},
                               {'key': 'consistent-reporting',
                                'order': 2,
                                'text': 'Partners collect and report their data the same way, on '
                                        'time, every period.',
                                'language': 'en',
                                'translations': {'text': {'he': 'השותפים אוספים ומדווחים את '
                                                                'הנתונים שלהם באותו אופן, בזמן, '
                                                                'בכל תקופה.',
                                                          'ar': 'يجمع الشركاء بياناتهم ويبلّغون '
                                                                'عنها بالطريقة نفسها وفي الموعد، '
                                                                'في كل فترة.'}}},
                               {'key': 'data-used',
                                'order': 3,
                                'text': 'The shared data is discussed together and used to improve '
                                        'the work.',
                                'language': 'en',
                                'translations': {'text': {'he': 'הנתונים המשותפים נדונים יחד '
                                                                'ומשמשים לשיפור העבודה.',
                                                          'ar': 'تُناقَش البيانات المشتركة معًا '
                                                                'وتُستخدم لتحسين العمل.'}}}]},
               {'key': 'activities',
                'order': 3,
                'name': 'Mutually reinforcing activities',
                'description': 'Each partner does what it does best, within one plan of action.',
                'language': 'en',
                'translations': {'name': {'he': 'פעילויות מחזקות הדדית',
                                          'ar': 'أنشطة يعزّز بعضها بعضًا'},
                                 'description': {'he': 'כל שותף עושה את מה שהוא עושה הכי טוב, '
                                                       'במסגרת תוכנית פעולה אחת.',
                                                 'ar': 'يقوم كل شريك بما يتقنه أكثر من غيره، ضمن '
                                                       'خطة عمل واحدة.'}},
                'benchmarks': [{'key': 'roles-clear',
                                'order': 1,
                                'text': 'It is clear which partner leads which activity under the '
                                        'shared strategies.',
                                'language': 'en',
                                'translations': {'text': {'he': 'ברור איזה שותף מוביל איזו פעילות '
                                                                'במסגרת האסטרטגיות המשותפות.',
                                                          'ar': 'من الواضح أيّ شريك يقود أيّ نشاط '
                                                                'ضمن الاستراتيجيات المشتركة.'}}},
                               {'key': 'no-gaps-overlaps',
                                'order': 2,
                                'text': "Gaps and duplications between the partners' activities "
                                        'are found and dealt with.',
                                'language': 'en',
                                'translations': {'text': {'he': 'פערים וכפילויות בין פעילויות '
                                                                'השותפים מזוהים ומטופלים.',
                                                          'ar': 'تُحدَّد الفجوات والتكرارات بين '
                                                                'أنشطة الشركاء وتُعالَج.'}}},
                               {'key': 'aligned-plans',
                                'order': 3,
                                'text': 'Partners adjust their own plans so that they fit the '
                                        'shared plan.',
                                'language': 'en',
                                'translations': {'text': {'he': 'השותפים מתאימים את התוכניות שלהם '
                                                                'כך שישתלבו בתוכנית המשותפת.',
                                                          'ar': 'يعدّل الشركاء خططهم الخاصة لتنسجم '
                                                                'مع الخطة المشتركة.'}}}]},
               {'key': 'communication',
                'order': 4,
                'name': 'Continuous communication',
                'description': 'Regular, open communication that builds trust and keeps the '
                               'partners working together.',
                'language': 'en',
                'translations': {'name': {'he': 'תקשורת רציפה', 'ar': 'التواصل المستمر'},
                                 'description': {'he': 'תקשורת סדירה ופתוחה שבונה אמון ושומרת על '
                                                       'עבודה משותפת של השותפים.',
                                                 'ar': 'تواصل منتظم ومنفتح يبني الثقة ويحافظ على '
                                                       'عمل الشركاء معًا.'}},
                'benchmarks': [{'key': 'regular-meetings',
                                'order': 1,
                                'text': 'The partners meet regularly, and the meetings lead to '
                                        'decisions.',
                                'language': 'en',
                                'translations': {'text': {'he': 'השותפים נפגשים באופן קבוע, '
                                                                'והמפגשים מובילים להחלטות.',
                                                          'ar': 'يلتقي الشركاء بانتظام، وتُفضي '
                                                                'الاجتماعات إلى قرارات.'}}},
                               {'key': 'information-flows',
                                'order': 2,
                                'text': 'Decisions, minutes and updates reach every partner in '
                                        'good time.',
                                'language': 'en',
                                'translations': {'text': {'he': 'החלטות, סיכומי פגישות ועדכונים '
                                                                'מגיעים לכל השותפים בזמן.',
                                                          'ar': 'تصل القرارات ومحاضر الاجتماعات '
                                                                'والمستجدات إلى جميع الشركاء في '
                                                                'الوقت المناسب.'}}},
                               {'key': 'open-dialogue',
                                'order': 3,
                                'text': 'Partners raise difficulties and disagreements openly with '
                                        'one another.',
                                'language': 'en',
                                'translations': {'text': {'he': 'השותפים מעלים קשיים ומחלוקות '
                                                                'בגלוי זה בפני זה.',
                                                          'ar': 'يطرح الشركاء الصعوبات والخلافات '
                                                                'بصراحة فيما بينهم.'}}}]},
               {'key': 'backbone',
                'order': 5,
                'name': 'Backbone organization',
                'description': 'Dedicated staff who coordinate the initiative and support the '
                               'partners.',
                'language': 'en',
                'translations': {'name': {'he': 'ארגון שדרה', 'ar': 'المنظمة المحورية'},
                                 'description': {'he': 'צוות ייעודי שמתאם את היוזמה ותומך בשותפים.',
                                                 'ar': 'طاقم مخصّص ينسّق المبادرة ويدعم الشركاء.'}},
                'benchmarks': [{'key': 'dedicated-staff',
                                'order': 1,
                                'text': 'The initiative has staff whose job is to run it, with the '
                                        'time and skills it needs.',
                                'language': 'en',
                                'translations': {'text': {'he': 'ליוזמה יש צוות שתפקידו להפעיל '
                                                                'אותה, עם הזמן והכישורים הנדרשים.',
                                                          'ar': 'لدى المبادرة طاقم مهمته إدارتها، '
                                                                'ولديه الوقت والمهارات اللازمة.'}}},
                               {'key': 'trusted-neutral',
                                'order': 2,
                                'text': 'The backbone is trusted by the partners to act for the '
                                        'initiative as a whole.',
                                'language': 'en',
                                'translations': {'text': {'he': 'השותפים סומכים על ארגון השדרה '
                                                                'שיפעל למען היוזמה כולה.',
                                                          'ar': 'يثق الشركاء بأن المنظمة المحورية '
                                                                'تعمل لصالح المبادرة ككل.'}}},
                               {'key': 'sustained-funding',
                                'order': 3,
                                'text': "The backbone's work is funded for the years ahead.",
                                'language': 'en',
                                'translations': {'text': {'he': 'עבודת ארגון השדרה ממומנת לשנים '
                                                                'הקרובות.',
                                                          'ar': 'عمل المنظمة المحورية مموَّل '
                                                                'للسنوات المقبلة.'}}}]}]},
 {'key': 'principles-of-practice',
  'version': 1,
  'kind': 'principles',
  'name': 'Principles of practice of collective impact',
  'description': 'How the initiative works day to day: the habits that help a collective effort '
                 'reach lasting change.',
  'language': 'en',
  'translations': {'name': {'he': 'עקרונות הפעולה של אימפקט קולקטיבי',
                            'ar': 'مبادئ الممارسة في الأثر الجماعي'},
                   'description': {'he': 'כיצד היוזמה פועלת ביום-יום: ההרגלים שעוזרים למאמץ משותף '
                                         'להגיע לשינוי מתמשך.',
                                   'ar': 'كيف تعمل المبادرة يومًا بيوم: العادات التي تساعد الجهد '
                                         'المشترك على بلوغ تغيير دائم.'}},
  'sections': [{'key': 'equity',
                'order': 1,
                'name': 'Equity',
                'description': 'Closing gaps between groups is at the centre of the work.',
                'language': 'en',
                'translations': {'name': {'he': 'שוויון והוגנות', 'ar': 'الإنصاف'},
                                 'description': {'he': 'צמצום פערים בין קבוצות נמצא במרכז העבודה.',
                                                 'ar': 'تقليص الفجوات بين الفئات في صميم العمل.'}},
                'benchmarks': [{'key': 'gaps-named',
                                'order': 1,
                                'text': 'The initiative names the gaps between groups that it '
                                        'means to close.',
                                'language': 'en',
                                'translations': {'text': {'he': 'היוזמה מגדירה במפורש את הפערים '
                                                                'בין הקבוצות שהיא מבקשת לצמצם.',
                                                          'ar': 'تحدّد المبادرة بوضوح الفجوات بين '
                                                                'الفئات التي تسعى إلى تقليصها.'}}},
                               {'key': 'data-by-group',
                                'order': 2,
                                'text': 'Results are looked at by group, so that no one is left '
                                        'behind unseen.',
                                'language': 'en',
                                'translations': {'text': {'he': 'התוצאות נבחנות לפי קבוצות, כדי '
                                                                'שאיש לא יישאר מאחור בלי שיבחינו '
                                                                'בכך.',
                                                          'ar': 'تُدرس النتائج حسب الفئات، كي لا '
                                                                'يتخلّف أحد دون أن يُلاحَظ.'}}},
                               {'key': 'fair-decisions',
                                'order': 3,
                                'text': 'Decisions about resources take account of who needs them '
                                        'most.',
                                'language': 'en',
                                'translations': {'text': {'he': 'החלטות על משאבים מביאות בחשבון מי '
                                                                'זקוק להם יותר מכולם.',
                                                          'ar': 'تأخذ القرارات المتعلقة بالموارد '
                                                                'في الحسبان من هم الأحوج '
                                                                'إليها.'}}}]},
               {'key': 'community',
                'order': 2,
                'name': 'Community members',
                'description': 'The people most affected by the issue take part in the work.',
                'language': 'en',
                'translations': {'name': {'he': 'חברי הקהילה', 'ar': 'أفراد المجتمع'},
                                 'description': {'he': 'האנשים המושפעים ביותר מהסוגיה לוקחים חלק '
                                                       'בעבודה.',
                                                 'ar': 'يشارك في العمل الأشخاص الأكثر تأثرًا '
                                                       'بالقضية.'}},
                'benchmarks': [{'key': 'voice-in-decisions',
                                'order': 1,
                                'text': "Community members have a real say in the initiative's "
                                        'decisions.',
                                'language': 'en',
                                'translations': {'text': {'he': 'לחברי הקהילה יש השפעה ממשית על '
                                                                'ההחלטות של היוזמה.',
                                                          'ar': 'لأفراد المجتمع كلمة حقيقية في '
                                                                'قرارات المبادرة.'}}},
                               {'key': 'lived-experience',
                                'order': 2,
                                'text': 'The knowledge of people with lived experience shapes the '
                                        'strategies.',
                                'language': 'en',
                                'translations': {'text': {'he': 'הידע של אנשים בעלי ניסיון חיים '
                                                                'בנושא מעצב את האסטרטגיות.',
                                                          'ar': 'تُسهم معرفة أصحاب التجربة المعاشة '
                                                                'في صياغة الاستراتيجيات.'}}}]},
               {'key': 'cross-sector',
                'order': 3,
                'name': 'Cross-sector partners',
                'description': 'Government, business, nonprofits, philanthropy and the community '
                               'work side by side.',
                'language': 'en',
                'translations': {'name': {'he': 'שותפים מכל המגזרים',
                                          'ar': 'شركاء من مختلف القطاعات'},
                                 'description': {'he': 'ממשלה, עסקים, ארגונים ללא מטרות רווח, '
                                                       'פילנתרופיה והקהילה פועלים זה לצד זה.',
                                                 'ar': 'تعمل الحكومة وقطاع الأعمال والمنظمات غير '
                                                       'الربحية والعمل الخيري والمجتمع جنبًا إلى '
                                                       'جنب.'}},
                'benchmarks': [{'key': 'sectors-present',
                                'order': 1,
                                'text': 'The sectors that matter for the issue are at the table.',
                                'language': 'en',
                                'translations': {'text': {'he': 'המגזרים החשובים לסוגיה נמצאים '
                                                                'סביב השולחן.',
                                                          'ar': 'القطاعات المعنيّة بالقضية حاضرة '
                                                                'على الطاولة.'}}},
                               {'key': 'sectors-contribute',
                                'order': 2,
                                'text': 'Each sector brings its own strengths and resources to the '
                                        'shared work.',
                                'language': 'en',
                                'translations': {'text': {'he': 'כל מגזר מביא לעבודה המשותפת את '
                                                                'החוזקות והמשאבים שלו.',
                                                          'ar': 'يقدّم كل قطاع نقاط قوته وموارده '
                                                                'للعمل المشترك.'}}}]},
               {'key': 'data-learning',
                'order': 4,
                'name': 'Data for learning',
                'description': 'Data is used to learn and to adapt, not only to report.',
                'language': 'en',
                'translations': {'name': {'he': 'נתונים ללמידה', 'ar': 'البيانات من أجل التعلّم'},
                                 'description': {'he': 'הנתונים משמשים ללמידה ולהתאמה, ולא רק '
                                                       'לדיווח.',
                                                 'ar': 'تُستخدم البيانات للتعلّم والتكيّف، لا '
                                                       'للإبلاغ فحسب.'}},
                'benchmarks': [{'key': 'learning-sessions',
                                'order': 1,
                                'text': 'The partners regularly set time aside to learn together '
                                        'from the data.',
                                'language': 'en',
                                'translations': {'text': {'he': 'השותפים מקדישים זמן באופן קבוע '
                                                                'ללמידה משותפת מהנתונים.',
                                                          'ar': 'يخصّص الشركاء وقتًا بانتظام '
                                                                'للتعلّم معًا من البيانات.'}}},
                               {'key': 'course-corrected',
                                'order': 2,
                                'text': 'What the data shows leads to changes in what the partners '
                                        'do.',
                                'language': 'en',
                                'translations': {'text': {'he': 'מה שהנתונים מראים מוביל לשינויים '
                                                                'במה שהשותפים עושים.',
                                                          'ar': 'ما تُظهره البيانات يؤدي إلى '
                                                                'تغييرات في ما يقوم به '
                                                                'الشركاء.'}}}]},
               {'key': 'system-leaders',
                'order': 5,
                'name': 'System leaders',
                'description': 'The leaders involved look beyond their own organizations to the '
                               'whole system.',
                'language': 'en',
                'translations': {'name': {'he': 'מובילי מערכת', 'ar': 'قادة المنظومة'},
                                 'description': {'he': 'המובילים המעורבים מביטים מעבר לארגונים '
                                                       'שלהם, אל המערכת כולה.',
                                                 'ar': 'ينظر القادة المشاركون إلى ما هو أبعد من '
                                                       'منظماتهم، إلى المنظومة بأكملها.'}},
                'benchmarks': [{'key': 'shared-leadership',
                                'order': 1,
                                'text': 'Leadership of the initiative is shared, not held by one '
                                        'organization.',
                                'language': 'en',
                                'translations': {'text': {'he': 'ההובלה של היוזמה משותפת, ואינה '
                                                                'בידי ארגון אחד.',
                                                          'ar': 'قيادة المبادرة مشتركة، وليست '
                                                                'حكرًا على منظمة واحدة.'}}},
                               {'key': 'system-view',
                                'order': 2,
                                'text': 'Leaders put the shared goals before the interests of '
                                        'their own organization.',
                                'language': 'en',
                                'translations': {'text': {'he': 'המובילים מעמידים את המטרות '
                                                                'המשותפות לפני האינטרסים של הארגון '
                                                                'שלהם.',
                                                          'ar': 'يقدّم القادة الأهداف المشتركة على '
                                                                'مصالح منظماتهم.'}}}]},
               {'key': 'strategies',
                'order': 6,
                'name': 'Program and system strategies',
                'description': 'The work improves programs and also changes the systems around '
                               'them.',
                'language': 'en',
                'translations': {'name': {'he': 'אסטרטגיות של תוכניות ושל מערכת',
                                          'ar': 'استراتيجيات البرامج والمنظومة'},
                                 'description': {'he': 'העבודה משפרת תוכניות וגם משנה את המערכות '
                                                       'שסביבן.',
                                                 'ar': 'يحسّن العمل البرامج ويغيّر أيضًا المنظومات '
                                                       'المحيطة بها.'}},
                'benchmarks': [{'key': 'beyond-programs',
                                'order': 1,
                                'text': 'Besides programs, the strategies address policies, '
                                        'practices and how resources flow.',
                                'language': 'en',
                                'translations': {'text': {'he': 'מעבר לתוכניות, האסטרטגיות עוסקות '
                                                                'במדיניות, בדרכי העבודה ובאופן שבו '
                                                                'משאבים זורמים.',
                                                          'ar': 'إلى جانب البرامج، تتناول '
                                                                'الاستراتيجيات السياسات والممارسات '
                                                                'وطريقة تدفّق الموارد.'}}},
                               {'key': 'scale-what-works',
                                'order': 2,
                                'text': 'What works is spread further, and what does not work is '
                                        'stopped.',
                                'language': 'en',
                                'translations': {'text': {'he': 'מה שמצליח מורחב, ומה שאינו מצליח '
                                                                'נעצר.',
                                                          'ar': 'يُوسَّع ما ينجح، ويُوقَف ما لا '
                                                                'ينجح.'}}}]},
               {'key': 'relationships-trust',
                'order': 7,
                'name': 'Relationships and trust',
                'description': 'The partners know one another and trust one another.',
                'language': 'en',
                'translations': {'name': {'he': 'יחסים ואמון', 'ar': 'العلاقات والثقة'},
                                 'description': {'he': 'השותפים מכירים זה את זה וסומכים זה על זה.',
                                                 'ar': 'يعرف الشركاء بعضهم بعضًا ويثقون ببعضهم.'}},
                'benchmarks': [{'key': 'time-for-relationships',
                                'order': 1,
                                'text': 'The initiative makes time for the partners to build '
                                        'relationships.',
                                'language': 'en',
                                'translations': {'text': {'he': 'היוזמה מקדישה זמן לבניית יחסים '
                                                                'בין השותפים.',
                                                          'ar': 'تخصّص المبادرة وقتًا لبناء '
                                                                'العلاقات بين الشركاء.'}}},
                               {'key': 'keep-commitments',
                                'order': 2,
                                'text': 'Partners keep the commitments they make to one another.',
                                'language': 'en',
                                'translations': {'text': {'he': 'השותפים עומדים בהתחייבויות שהם '
                                                                'נותנים זה לזה.',
                                                          'ar': 'يفي الشركاء بالالتزامات التي '
                                                                'يقطعونها لبعضهم بعضًا.'}}}]},
               {'key': 'local-context',
                'order': 8,
                'name': 'Local context',
                'description': 'The work fits the place: its people, its history and its existing '
                               'efforts.',
                'language': 'en',
                'translations': {'name': {'he': 'הקשר מקומי', 'ar': 'السياق المحلي'},
                                 'description': {'he': 'העבודה מותאמת למקום: לאנשים שלו, להיסטוריה '
                                                       'שלו ולמאמצים הקיימים בו.',
                                                 'ar': 'يتلاءم العمل مع المكان: مع ناسه وتاريخه '
                                                       'والجهود القائمة فيه.'}},
                'benchmarks': [{'key': 'builds-on-existing',
                                'order': 1,
                                'text': 'The initiative builds on the efforts already under way in '
                                        'the area.',
                                'language': 'en',
                                'translations': {'text': {'he': 'היוזמה נשענת על המאמצים שכבר '
                                                                'מתקיימים באזור.',
                                                          'ar': 'تبني المبادرة على الجهود القائمة '
                                                                'أصلًا في المنطقة.'}}},
                               {'key': 'adapted-to-place',
                                'order': 2,
                                'text': 'Strategies are adapted to local culture, language and '
                                        'conditions.',
                                'language': 'en',
                                'translations': {'text': {'he': 'האסטרטגיות מותאמות לתרבות, לשפה '
                                                                'ולתנאים המקומיים.',
                                                          'ar': 'تُكيَّف الاستراتيجيات مع الثقافة '
                                                                'واللغة والظروف المحلية.'}}}]}]},
 {'key': 'readiness',
  'version': 1,
  'kind': 'readiness',
  'name': 'Readiness for collective impact',
  'description': 'Before the initiative starts (phase 0): are the preconditions for working '
                 'together in place?',
  'language': 'en',
  'translations': {'name': {'he': 'מוכנות לאימפקט קולקטיבי', 'ar': 'الجاهزية للأثر الجماعي'},
                   'description': {'he': 'לפני שהיוזמה יוצאת לדרך (שלב 0): האם התנאים המקדימים '
                                         'לעבודה משותפת קיימים?',
                                   'ar': 'قبل انطلاق المبادرة (المرحلة 0): هل الشروط المسبقة للعمل '
                                         'المشترك متوفّرة؟'}},
  'sections': [{'key': 'champion',
                'order': 1,
                'name': 'An influential champion',
                'description': 'A respected leader who can bring the right people to the table.',
                'language': 'en',
                'translations': {'name': {'he': 'מוביל בעל השפעה', 'ar': 'قائد مؤثّر'},
                                 'description': {'he': 'מוביל מוערך שמסוגל להביא את האנשים הנכונים '
                                                       'אל השולחן.',
                                                 'ar': 'قائد يحظى بالاحترام وقادر على جمع الأشخاص '
                                                       'المناسبين حول الطاولة.'}},
                'benchmarks': [{'key': 'champion-identified',
                                'order': 1,
                                'text': 'There is at least one leader who is respected across '
                                        'sectors and willing to lead.',
                                'language': 'en',
                                'translations': {'text': {'he': 'יש לפחות מוביל אחד שזוכה להערכה '
                                                                'בכל המגזרים ומוכן להוביל.',
                                                          'ar': 'يوجد قائد واحد على الأقل يحظى '
                                                                'بالاحترام في مختلف القطاعات '
                                                                'ومستعدّ للقيادة.'}}},
                               {'key': 'champion-convenes',
                                'order': 2,
                                'text': 'The champion can bring the heads of the key organizations '
                                        'together.',
                                'language': 'en',
                                'translations': {'text': {'he': 'המוביל מסוגל לכנס את ראשי '
                                                                'הארגונים המרכזיים.',
                                                          'ar': 'يستطيع هذا القائد جمع رؤساء '
                                                                'المنظمات الرئيسية.'}}}]},
               {'key': 'resources',
                'order': 2,
                'name': 'Adequate resources',
                'description': 'Money and people to support at least the first years of the work.',
                'language': 'en',
                'translations': {'name': {'he': 'משאבים מספיקים', 'ar': 'موارد كافية'},
                                 'description': {'he': 'כסף ואנשים שיתמכו לפחות בשנים הראשונות של '
                                                       'העבודה.',
                                                 'ar': 'مال وأشخاص لدعم السنوات الأولى من العمل '
                                                       'على الأقل.'}},
                'benchmarks': [{'key': 'planning-funded',
                                'order': 1,
                                'text': 'Funding for the planning stage has been secured.',
                                'language': 'en',
                                'translations': {'text': {'he': 'הובטח מימון לשלב התכנון.',
                                                          'ar': 'تمّ تأمين التمويل لمرحلة '
                                                                'التخطيط.'}}},
                               {'key': 'funders-committed',
                                'order': 2,
                                'text': 'At least one funder is ready to support the effort for '
                                        'several years.',
                                'language': 'en',
                                'translations': {'text': {'he': 'לפחות גורם מממן אחד מוכן לתמוך '
                                                                'במאמץ לאורך כמה שנים.',
                                                          'ar': 'هناك جهة مانحة واحدة على الأقل '
                                                                'مستعدّة لدعم الجهد لعدة '
                                                                'سنوات.'}}}]},
               {'key': 'urgency',
                'order': 3,
                'name': 'A sense of urgency',
                'description': 'A shared feeling that the issue cannot wait and that a new '
                               'approach is needed.',
                'language': 'en',
                'translations': {'name': {'he': 'תחושת דחיפות', 'ar': 'الشعور بالإلحاح'},
                                 'description': {'he': 'תחושה משותפת שהסוגיה אינה יכולה לחכות '
                                                       'ושנדרשת גישה חדשה.',
                                                 'ar': 'شعور مشترك بأن القضية لا تحتمل الانتظار '
                                                       'وبأن هناك حاجة إلى نهج جديد.'}},
                'benchmarks': [{'key': 'issue-pressing',
                                'order': 1,
                                'text': 'The issue is widely seen as pressing by the public and by '
                                        'decision makers.',
                                'language': 'en',
                                'translations': {'text': {'he': 'הציבור ומקבלי ההחלטות רואים '
                                                                'בסוגיה עניין בוער.',
                                                          'ar': 'يرى الجمهور وصنّاع القرار على '
                                                                'نطاق واسع أن القضية ملحّة.'}}},
                               {'key': 'new-approach',
                                'order': 2,
                                'text': 'The organizations involved agree that working alone has '
                                        'not been enough.',
                                'language': 'en',
                                'translations': {'text': {'he': 'הארגונים המעורבים מסכימים שעבודה '
                                                                'לבד לא הספיקה.',
                                                          'ar': 'تتفق المنظمات المعنية على أن '
                                                                'العمل المنفرد لم يكن كافيًا.'}}}]},
               {'key': 'collaboration-history',
                'order': 4,
                'name': 'A history of working together',
                'description': 'Earlier cooperation that the new effort can build on.',
                'language': 'en',
                'translations': {'name': {'he': 'ניסיון בעבודה משותפת',
                                          'ar': 'تاريخ من العمل المشترك'},
                                 'description': {'he': 'שיתופי פעולה קודמים שהמאמץ החדש יכול '
                                                       'להישען עליהם.',
                                                 'ar': 'تعاون سابق يمكن للجهد الجديد أن يبني '
                                                       'عليه.'}},
                'benchmarks': [{'key': 'past-cooperation',
                                'order': 1,
                                'text': 'Some of the organizations have worked together '
                                        'successfully before.',
                                'language': 'en',
                                'translations': {'text': {'he': 'חלק מהארגונים כבר עבדו יחד בהצלחה '
                                                                'בעבר.',
                                                          'ar': 'سبق لبعض المنظمات أن عملت معًا '
                                                                'بنجاح.'}}},
                               {'key': 'lessons-known',
                                'order': 2,
                                'text': 'The lessons of earlier joint efforts, good and bad, are '
                                        'known and discussed.',
                                'language': 'en',
                                'translations': {'text': {'he': 'הלקחים ממאמצים משותפים קודמים, '
                                                                'לטוב ולרע, ידועים ונדונים.',
                                                          'ar': 'الدروس المستفادة من جهود مشتركة '
                                                                'سابقة، إيجابية كانت أم سلبية، '
                                                                'معروفة وتجري مناقشتها.'}}}]},
               {'key': 'data',
                'order': 5,
                'name': 'Data on the issue',
                'description': 'Enough information to understand the problem and to follow change.',
                'language': 'en',
                'translations': {'name': {'he': 'נתונים על הסוגיה', 'ar': 'بيانات حول القضية'},
                                 'description': {'he': 'מידע מספיק כדי להבין את הבעיה ולעקוב אחר '
                                                       'השינוי.',
                                                 'ar': 'معلومات كافية لفهم المشكلة ومتابعة '
                                                       'التغيير.'}},
                'benchmarks': [{'key': 'data-exists',
                                'order': 1,
                                'text': 'Reliable data on the issue exists and can be reached.',
                                'language': 'en',
                                'translations': {'text': {'he': 'קיימים נתונים מהימנים על הסוגיה, '
                                                                'ואפשר להגיע אליהם.',
                                                          'ar': 'توجد بيانات موثوقة حول القضية '
                                                                'ويمكن الوصول إليها.'}}},
                               {'key': 'willing-to-share',
                                'order': 2,
                                'text': 'The organizations are willing to share their data with '
                                        'one another.',
                                'language': 'en',
                                'translations': {'text': {'he': 'הארגונים מוכנים לשתף זה את זה '
                                                                'בנתונים שלהם.',
                                                          'ar': 'المنظمات مستعدّة لتبادل بياناتها '
                                                                'فيما بينها.'}}}]},
               {'key': 'community-voice',
                'order': 6,
                'name': "The community's voice",
                'description': 'The people affected by the issue are ready to take part.',
                'language': 'en',
                'translations': {'name': {'he': 'קול הקהילה', 'ar': 'صوت المجتمع'},
                                 'description': {'he': 'האנשים המושפעים מהסוגיה מוכנים לקחת חלק.',
                                                 'ar': 'الأشخاص المتأثرون بالقضية مستعدّون '
                                                       'للمشاركة.'}},
                'benchmarks': [{'key': 'community-reached',
                                'order': 1,
                                'text': 'There are ways to reach the community and hear what it '
                                        'thinks.',
                                'language': 'en',
                                'translations': {'text': {'he': 'יש דרכים להגיע לקהילה ולשמוע את '
                                                                'עמדותיה.',
                                                          'ar': 'توجد طرق للوصول إلى المجتمع '
                                                                'والاستماع إلى آرائه.'}}},
                               {'key': 'community-leaders',
                                'order': 2,
                                'text': 'Community leaders are interested in joining the effort.',
                                'language': 'en',
                                'translations': {'text': {'he': 'מנהיגי הקהילה מעוניינים להצטרף '
                                                                'למאמץ.',
                                                          'ar': 'قادة المجتمع مهتمّون بالانضمام '
                                                                'إلى هذا الجهد.'}}}]}]},
 {'key': 'backbone-effectiveness',
  'version': 1,
  'kind': 'backbone',
  'name': "The backbone's effectiveness, as the partners see it",
  'description': 'The partners rate how well the backbone carries out each of its six functions.',
  'language': 'en',
  'translations': {'name': {'he': 'אפקטיביות ארגון השדרה בעיני השותפים',
                            'ar': 'فعالية المنظمة المحورية كما يراها الشركاء'},
                   'description': {'he': 'השותפים מדרגים עד כמה ארגון השדרה ממלא היטב כל אחד משישת '
                                         'תפקידיו.',
                                   'ar': 'يقيّم الشركاء مدى نجاح المنظمة المحورية في أداء كل وظيفة '
                                         'من وظائفها الست.'}},
  'sections': [{'key': 'vision',
                'order': 1,
                'name': 'Guide vision and strategy',
                'description': 'Keeping the partners focused on the common agenda.',
                'language': 'en',
                'translations': {'name': {'he': 'הכוונת החזון והאסטרטגיה',
                                          'ar': 'توجيه الرؤية والاستراتيجية'},
                                 'description': {'he': "שמירה על מיקוד השותפים באג'נדה המשותפת.",
                                                 'ar': 'إبقاء الشركاء مركّزين على الأجندة '
                                                       'المشتركة.'}},
                'benchmarks': [{'key': 'keeps-focus',
                                'order': 1,
                                'text': "The backbone keeps the partners' attention on the shared "
                                        'vision and goals.',
                                'language': 'en',
                                'translations': {'text': {'he': 'ארגון השדרה שומר על תשומת הלב של '
                                                                'השותפים בחזון ובמטרות המשותפים.',
                                                          'ar': 'تُبقي المنظمة المحورية اهتمام '
                                                                'الشركاء منصبًّا على الرؤية '
                                                                'والأهداف المشتركة.'}}},
                               {'key': 'strategy-updated',
                                'order': 2,
                                'text': 'The backbone leads the partners in updating the strategy '
                                        'when things change.',
                                'language': 'en',
                                'translations': {'text': {'he': 'ארגון השדרה מוביל את השותפים '
                                                                'בעדכון האסטרטגיה כשהנסיבות '
                                                                'משתנות.',
                                                          'ar': 'تقود المنظمة المحورية الشركاء في '
                                                                'تحديث الاستراتيجية عندما تتغيّر '
                                                                'الظروف.'}}}]},
               {'key': 'activities',
                'order': 2,
                'name': 'Support aligned activities',
                'description': 'Helping the partners coordinate what they do.',
                'language': 'en',
                'translations': {'name': {'he': 'תמיכה בפעילויות מתואמות',
                                          'ar': 'دعم الأنشطة المتّسقة'},
                                 'description': {'he': 'סיוע לשותפים לתאם את מה שהם עושים.',
                                                 'ar': 'مساعدة الشركاء على تنسيق ما يقومون به.'}},
                'benchmarks': [{'key': 'connects-partners',
                                'order': 1,
                                'text': 'The backbone connects partners whose work could support '
                                        'each other.',
                                'language': 'en',
                                'translations': {'text': {'he': 'ארגון השדרה מחבר בין שותפים '
                                                                'שהעבודה שלהם יכולה לחזק זו את זו.',
                                                          'ar': 'تربط المنظمة المحورية بين الشركاء '
                                                                'الذين يمكن لعملهم أن يدعم بعضه '
                                                                'بعضًا.'}}},
                               {'key': 'working-groups-supported',
                                'order': 2,
                                'text': 'The working groups get the support they need to move '
                                        'forward.',
                                'language': 'en',
                                'translations': {'text': {'he': 'צוותי העבודה מקבלים את התמיכה שהם '
                                                                'צריכים כדי להתקדם.',
                                                          'ar': 'تحصل فرق العمل على الدعم الذي '
                                                                'تحتاجه للمضيّ قدمًا.'}}}]},
               {'key': 'measurement',
                'order': 3,
                'name': 'Establish shared measurement practices',
                'description': 'Running the shared data: collection, quality and use.',
                'language': 'en',
                'translations': {'name': {'he': 'ביסוס שיטות של מדידה משותפת',
                                          'ar': 'إرساء ممارسات القياس المشترك'},
                                 'description': {'he': 'ניהול הנתונים המשותפים: איסוף, איכות '
                                                       'ושימוש.',
                                                 'ar': 'إدارة البيانات المشتركة: جمعها وجودتها '
                                                       'واستخدامها.'}},
                'benchmarks': [{'key': 'reporting-easy',
                                'order': 1,
                                'text': 'The backbone makes reporting data clear and manageable '
                                        'for the partners.',
                                'language': 'en',
                                'translations': {'text': {'he': 'ארגון השדרה הופך את דיווח הנתונים '
                                                                'לברור ולנוח עבור השותפים.',
                                                          'ar': 'تجعل المنظمة المحورية الإبلاغ عن '
                                                                'البيانات واضحًا وسهلًا على '
                                                                'الشركاء.'}}},
                               {'key': 'results-shared',
                                'order': 2,
                                'text': 'The backbone shares the results back with the partners in '
                                        'a useful form.',
                                'language': 'en',
                                'translations': {'text': {'he': 'ארגון השדרה משתף את השותפים '
                                                                'בתוצאות באופן שמועיל להם.',
                                                          'ar': 'تشارك المنظمة المحورية النتائج مع '
                                                                'الشركاء بصيغة مفيدة لهم.'}}}]},
               {'key': 'public_will',
                'order': 4,
                'name': 'Build public will',
                'description': 'Bringing the public and the community along.',
                'language': 'en',
                'translations': {'name': {'he': 'בניית רצון ציבורי', 'ar': 'بناء الإرادة العامة'},
                                 'description': {'he': 'גיוס הציבור והקהילה למאמץ.',
                                                 'ar': 'كسب تأييد الجمهور والمجتمع.'}},
                'benchmarks': [{'key': 'public-aware',
                                'order': 1,
                                'text': 'The backbone makes the issue and the initiative known to '
                                        'the public.',
                                'language': 'en',
                                'translations': {'text': {'he': 'ארגון השדרה מביא את הסוגיה ואת '
                                                                'היוזמה לידיעת הציבור.',
                                                          'ar': 'تعرّف المنظمة المحورية الجمهور '
                                                                'بالقضية وبالمبادرة.'}}},
                               {'key': 'community-engaged',
                                'order': 2,
                                'text': 'The backbone creates real ways for community members to '
                                        'take part.',
                                'language': 'en',
                                'translations': {'text': {'he': 'ארגון השדרה יוצר דרכים ממשיות '
                                                                'לחברי הקהילה לקחת חלק.',
                                                          'ar': 'تُوجد المنظمة المحورية سبلًا '
                                                                'حقيقية لمشاركة أفراد '
                                                                'المجتمع.'}}}]},
               {'key': 'policy',
                'order': 5,
                'name': 'Advance policy',
                'description': 'Moving the policies that affect the issue.',
                'language': 'en',
                'translations': {'name': {'he': 'קידום מדיניות', 'ar': 'تعزيز السياسات'},
                                 'description': {'he': 'קידום המדיניות שמשפיעה על הסוגיה.',
                                                 'ar': 'الدفع بالسياسات المؤثّرة في القضية.'}},
                'benchmarks': [{'key': 'policy-agenda',
                                'order': 1,
                                'text': 'The backbone helps the partners agree on which policies '
                                        'to pursue.',
                                'language': 'en',
                                'translations': {'text': {'he': 'ארגון השדרה מסייע לשותפים להסכים '
                                                                'על המדיניות שיש לקדם.',
                                                          'ar': 'تساعد المنظمة المحورية الشركاء '
                                                                'على الاتفاق على السياسات التي '
                                                                'ينبغي السعي إليها.'}}},
                               {'key': 'decision-makers',
                                'order': 2,
                                'text': "The backbone brings the initiative's case to decision "
                                        'makers.',
                                'language': 'en',
                                'translations': {'text': {'he': 'ארגון השדרה מציג את עמדת היוזמה '
                                                                'בפני מקבלי ההחלטות.',
                                                          'ar': 'تنقل المنظمة المحورية موقف '
                                                                'المبادرة إلى صنّاع القرار.'}}}]},
               {'key': 'funding',
                'order': 6,
                'name': 'Mobilize funding',
                'description': 'Bringing resources to the shared work.',
                'language': 'en',
                'translations': {'name': {'he': 'גיוס מימון', 'ar': 'حشد التمويل'},
                                 'description': {'he': 'גיוס משאבים לעבודה המשותפת.',
                                                 'ar': 'استقطاب الموارد للعمل المشترك.'}},
                'benchmarks': [{'key': 'funds-raised',
                                'order': 1,
                                'text': "The backbone raises money for the initiative's shared "
                                        'priorities.',
                                'language': 'en',
                                'translations': {'text': {'he': 'ארגון השדרה מגייס כסף לסדרי '
                                                                'העדיפויות המשותפים של היוזמה.',
                                                          'ar': 'تجمع المنظمة المحورية الأموال '
                                                                'لأولويات المبادرة المشتركة.'}}},
                               {'key': 'funders-aligned',
                                'order': 2,
                                'text': 'The backbone helps funders direct their support to the '
                                        'common agenda.',
                                'language': 'en',
                                'translations': {'text': {'he': 'ארגון השדרה מסייע לגורמים המממנים '
                                                                "לכוון את תמיכתם לאג'נדה המשותפת.",
                                                          'ar': 'تساعد المنظمة المحورية الجهات '
                                                                'المانحة على توجيه دعمها نحو '
                                                                'الأجندة المشتركة.'}}}]}]},
 {'key': 'sphere-principles',
  'version': 1,
  'kind': 'sphere',
  'name': 'The principles of an impact sphere',
  'description': 'How the sphere lives its principles: autonomy, reciprocity, trust, open '
                 'participation and coordination with the facilitator.',
  'language': 'en',
  'translations': {'name': {'he': 'העקרונות של מרחב השפעה', 'ar': 'مبادئ فضاء التأثير'},
                   'description': {'he': 'כיצד המרחב מממש את עקרונותיו: אוטונומיה, הדדיות, אמון, '
                                         'השתתפות פתוחה ותיאום עם המנחה.',
                                   'ar': 'كيف يجسّد الفضاء مبادئه: الاستقلالية، والمعاملة بالمثل، '
                                         'والثقة، والمشاركة المفتوحة، والتنسيق مع الميسِّر.'}},
  'sections': [{'key': 'autonomy',
                'order': 1,
                'name': 'Autonomy',
                'description': 'Each organization keeps its own identity and decisions.',
                'language': 'en',
                'translations': {'name': {'he': 'אוטונומיה', 'ar': 'الاستقلالية'},
                                 'description': {'he': 'כל ארגון שומר על זהותו ועל החלטותיו.',
                                                 'ar': 'تحافظ كل منظمة على هويتها وقراراتها.'}},
                'benchmarks': [{'key': 'own-decisions',
                                'order': 1,
                                'text': 'Each organization decides for itself how it takes part in '
                                        'joint work.',
                                'language': 'en',
                                'translations': {'text': {'he': 'כל ארגון מחליט בעצמו כיצד הוא '
                                                                'לוקח חלק בעבודה המשותפת.',
                                                          'ar': 'تقرّر كل منظمة بنفسها كيفية '
                                                                'مشاركتها في العمل المشترك.'}}},
                               {'key': 'identity-respected',
                                'order': 2,
                                'text': 'Taking part in the sphere has not weakened any '
                                        "organization's identity.",
                                'language': 'en',
                                'translations': {'text': {'he': 'ההשתתפות במרחב לא החלישה את הזהות '
                                                                'של אף ארגון.',
                                                          'ar': 'لم تُضعف المشاركة في الفضاء هوية '
                                                                'أي منظمة.'}}}]},
               {'key': 'reciprocity',
                'order': 2,
                'name': 'Reciprocity',
                'description': 'Members give to the sphere and receive from it.',
                'language': 'en',
                'translations': {'name': {'he': 'הדדיות', 'ar': 'المعاملة بالمثل'},
                                 'description': {'he': 'החברים נותנים למרחב ומקבלים ממנו.',
                                                 'ar': 'يقدّم الأعضاء للفضاء ويستفيدون منه.'}},
                'benchmarks': [{'key': 'give-and-take',
                                'order': 1,
                                'text': 'Members share knowledge and resources and get value back.',
                                'language': 'en',
                                'translations': {'text': {'he': 'החברים משתפים ידע ומשאבים ומקבלים '
                                                                'ערך בתמורה.',
                                                          'ar': 'يتبادل الأعضاء المعرفة والموارد '
                                                                'ويحصلون على قيمة في المقابل.'}}},
                               {'key': 'fair-share',
                                'order': 2,
                                'text': 'The effort of the joint work is shared fairly among the '
                                        'members.',
                                'language': 'en',
                                'translations': {'text': {'he': 'המאמץ של העבודה המשותפת מתחלק '
                                                                'באופן הוגן בין החברים.',
                                                          'ar': 'يتوزّع عبء العمل المشترك بإنصاف '
                                                                'بين الأعضاء.'}}}]},
               {'key': 'trust',
                'order': 3,
                'name': 'Trust',
                'description': 'Members rely on one another and speak openly.',
                'language': 'en',
                'translations': {'name': {'he': 'אמון', 'ar': 'الثقة'},
                                 'description': {'he': 'החברים סומכים זה על זה ומדברים בפתיחות.',
                                                 'ar': 'يعتمد الأعضاء على بعضهم بعضًا ويتحدّثون '
                                                       'بصراحة.'}},
                'benchmarks': [{'key': 'candid-talk',
                                'order': 1,
                                'text': 'The CEOs speak candidly in the sphere, including about '
                                        'failures.',
                                'language': 'en',
                                'translations': {'text': {'he': 'המנכ"לים מדברים במרחב בכנות, גם '
                                                                'על כישלונות.',
                                                          'ar': 'يتحدّث المديرون التنفيذيون في '
                                                                'الفضاء بصراحة، حتى عن '
                                                                'الإخفاقات.'}}},
                               {'key': 'confidence-kept',
                                'order': 2,
                                'text': 'What is shared in confidence in the sphere stays there.',
                                'language': 'en',
                                'translations': {'text': {'he': 'מה שנאמר במרחב בסודיות נשאר בו.',
                                                          'ar': 'ما يُقال في الفضاء على سبيل الثقة '
                                                                'يبقى داخله.'}}}]},
               {'key': 'open-participation',
                'order': 4,
                'name': 'Open participation',
                'description': 'Any organization working on the issue may join.',
                'language': 'en',
                'translations': {'name': {'he': 'השתתפות פתוחה', 'ar': 'المشاركة المفتوحة'},
                                 'description': {'he': 'כל ארגון שפועל בסוגיה יכול להצטרף.',
                                                 'ar': 'يمكن لأي منظمة تعمل على القضية أن تنضمّ.'}},
                'benchmarks': [{'key': 'open-door',
                                'order': 1,
                                'text': 'Organizations working on the issue know they are welcome '
                                        'to join.',
                                'language': 'en',
                                'translations': {'text': {'he': 'ארגונים שפועלים בסוגיה יודעים שהם '
                                                                'מוזמנים להצטרף.',
                                                          'ar': 'تعلم المنظمات العاملة على القضية '
                                                                'أنها مرحَّب بها للانضمام.'}}},
                               {'key': 'newcomers-included',
                                'order': 2,
                                'text': 'New members are brought into the work quickly and as '
                                        'equals.',
                                'language': 'en',
                                'translations': {'text': {'he': 'חברים חדשים משתלבים בעבודה '
                                                                'במהירות וכשווים.',
                                                          'ar': 'يُدمج الأعضاء الجدد في العمل '
                                                                'بسرعة وعلى قدم المساواة.'}}}]},
               {'key': 'facilitator-coordination',
                'order': 5,
                'name': 'Coordination with the facilitator',
                'description': "A professional facilitator guides the sphere's process.",
                'language': 'en',
                'translations': {'name': {'he': 'תיאום עם המנחה', 'ar': 'التنسيق مع الميسِّر'},
                                 'description': {'he': 'מנחה מקצועי מוביל את התהליך של המרחב.',
                                                 'ar': 'يقود ميسِّر محترف مسار عمل الفضاء.'}},
                'benchmarks': [{'key': 'process-guided',
                                'order': 1,
                                'text': "The facilitator keeps the sphere's meetings focused and "
                                        'productive.',
                                'language': 'en',
                                'translations': {'text': {'he': 'המנחה שומר על מפגשי המרחב ממוקדים '
                                                                'ופוריים.',
                                                          'ar': 'يحافظ الميسِّر على تركيز لقاءات '
                                                                'الفضاء وجدواها.'}}},
                               {'key': 'members-heard',
                                'order': 2,
                                'text': "The facilitator makes sure every member's voice is heard.",
                                'language': 'en',
                                'translations': {'text': {'he': 'המנחה מקפיד שקולו של כל חבר '
                                                                'יישמע.',
                                                          'ar': 'يحرص الميسِّر على أن يُسمَع صوت '
                                                                'كل عضو.'}}}]}]}]

# fmt: on


def load(apps, schema_editor):
    AssessmentTemplate = apps.get_model("backbone", "AssessmentTemplate")
    TemplateSection = apps.get_model("backbone", "TemplateSection")
    Benchmark = apps.get_model("backbone", "Benchmark")
    for row in TEMPLATES:
        template, _created = AssessmentTemplate.objects.update_or_create(
            key=row["key"],
            version=row["version"],
            initiative=None,
            defaults={
                name: row[name]
                for name in ("kind", "name", "description", "language", "translations")
            },
        )
        for section_row in row["sections"]:
            section, _created = TemplateSection.objects.update_or_create(
                template=template,
                key=section_row["key"],
                defaults={
                    name: section_row[name]
                    for name in ("name", "description", "order", "language", "translations")
                },
            )
            for benchmark_row in section_row["benchmarks"]:
                Benchmark.objects.update_or_create(
                    section=section,
                    key=benchmark_row["key"],
                    defaults={
                        name: benchmark_row[name]
                        for name in ("text", "order", "language", "translations")
                    },
                )


def unload(apps, schema_editor):
    """Plain deletes, bottom up: Django's delete collector, run on the models of a migration
    state while other apps are unapplied, can mix model classes (the self-reference
    `based_on`) and fail. A round on one of these templates still blocks the reversal."""
    AssessmentTemplate = apps.get_model("backbone", "AssessmentTemplate")
    TemplateSection = apps.get_model("backbone", "TemplateSection")
    Benchmark = apps.get_model("backbone", "Benchmark")
    ids = list(
        AssessmentTemplate.objects.filter(
            initiative=None, key__in=[row["key"] for row in TEMPLATES], version=1
        ).values_list("pk", flat=True)
    )
    if not ids:
        return
    AssessmentTemplate.objects.filter(based_on_id__in=ids).update(based_on=None)
    quote = schema_editor.quote_name
    marks = ", ".join(["%s"] * len(ids))
    templates, sections = AssessmentTemplate._meta.db_table, TemplateSection._meta.db_table
    schema_editor.execute(
        f"DELETE FROM {quote(Benchmark._meta.db_table)} WHERE section_id IN "
        f"(SELECT id FROM {quote(sections)} WHERE template_id IN ({marks}))",
        ids,
    )
    schema_editor.execute(f"DELETE FROM {quote(sections)} WHERE template_id IN ({marks})", ids)
    schema_editor.execute(f"DELETE FROM {quote(templates)} WHERE id IN ({marks})", ids)


class Migration(migrations.Migration):
    dependencies = [("backbone", "0002_phase_checklist")]

    operations = [migrations.RunPython(load, unload)]
