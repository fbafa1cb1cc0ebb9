import type { Stance } from "../db/schema";

/** Sample members and debate for `npm run seed:demo`: plausible, clearly demo (emails under demo.mizan.test). */
export const demoMembers = [
  { email: "layla@demo.mizan.test", name: "ليلى حداد" },
  { email: "omar@demo.mizan.test", name: "عمر الفاسي" },
  { email: "nadia@demo.mizan.test", name: "Nadia Karim" },
  { email: "youssef@demo.mizan.test", name: "يوسف المصري" },
  { email: "sam@demo.mizan.test", name: "Sam Whitfield" },
];

type DemoReply = { body: string; stance: Stance; nested?: boolean };
type DemoScenario = { title: string; body: string; x: number; y: number; votes: (1 | -1 | 0)[]; replies: DemoReply[] };

export const demoScenarios: DemoScenario[] = [
  {
    title: "التوازن يصمد: هدنات رمزية مع تعميق الشراكة العسكرية مع بيونغ يانغ",
    body: "تواصل موسكو العمل على المسارين معًا: مبادرات إنسانية موسمية تحسّن صورتها أمام الرأي العام الغربي، وفي الوقت نفسه تتوسع صفقات الذخيرة والتقنية مع كوريا الشمالية.\n\n**المؤشر الذي يجب مراقبته:** تكرار الهدنات في المناسبات دون التزام مقابل من كييف.",
    x: 62,
    y: 68,
    votes: [1, 1, 1, -1],
    replies: [
      { body: "هذا ما حدث فعلًا في 2025: الهدنة أُعلنت والرسالة إلى كيم أُرسلت في الأسبوع نفسه.", stance: "evidence" },
      { body: "لكن إلى متى يحتمل الغرب هذا الازدواج قبل أن يرفع كلفته؟", stance: "question", nested: true },
      { body: "طالما بقيت الكلفة الاقتصادية محتملة، سيستمر.", stance: "supports", nested: true },
    ],
  },
  {
    title: "الدبلوماسية تتقدّم: مفاوضات جدية برعاية أمريكية تخفف الحاجة إلى الحليف الكوري",
    body: "إذا تقدمت المسارات التفاوضية التي تدفع بها واشنطن، ستتراجع قيمة الشراكة مع بيونغ يانغ، وتميل موسكو إلى خفض ظهورها العلني.",
    x: 82,
    y: 28,
    votes: [1, -1, 1, 0],
    replies: [
      { body: "The ceasefire offer was unilateral; nothing suggests Moscow will trade away its new ally for talks.", stance: "challenges" },
      { body: "الرهان على ترمب وحده ضعيف؛ أوروبا ما زالت خارج الصورة.", stance: "challenges" },
    ],
  },
  {
    title: "Escalation wins: the North Korean alliance becomes Moscow's main card",
    body: "Sanctions bite harder, talks stall, and Russia leans fully on Pyongyang for munitions while offering political cover at the UN. The Victory Day truce proves a one-off gesture.",
    x: 18,
    y: 85,
    votes: [-1, 1, 1, -1],
    replies: [
      { body: "Reports of expanding munitions transfers support this.", stance: "supports" },
      { body: "ما الدليل على أن الذخائر الكورية تكفي لتعويض الاستنزاف؟", stance: "question" },
    ],
  },
  {
    title: "انحسار المسارين: إنهاك اقتصادي يقلّص المبادرات والتحالفات معًا",
    body: "مع تراكم العقوبات واستنزاف الموارد، قد تجد موسكو نفسها عاجزة عن تمويل الانفتاح والتصعيد معًا، فتنكفئ إلى إدارة الأزمة دون مبادرات كبيرة.",
    x: 22,
    y: 20,
    votes: [0, -1, 1, 1],
    replies: [{ body: "سيناريو مستبعد على المدى القصير، لكنه ممكن بعد 2026.", stance: "neutral" }],
  },
];
