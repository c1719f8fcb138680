// Unit vocabulary of the CLOVA.UNIT_* types (interaction-model.md §5.1).
// Each row: canonical names [en, ja, ko], then every surface form (any language; the text is
// NFKC-folded and lower-cased before matching, so "℃" appears as "°c" and "ＫＧ" as "kg").
// ja canonical names follow the spec's examples; en uses singular SI-style words and ko Korean
// words (§13 #6); currencies are ISO 4217 codes in every language.

export type UnitCategory =
  | "general"
  | "area"
  | "currency"
  | "information"
  | "length"
  | "ratio"
  | "speed"
  | "temperature"
  | "volume"
  | "weight";

export type UnitRow = readonly [en: string, ja: string, ko: string, forms: string];

export const MEASURE_UNITS: Readonly<
  Record<Exclude<UnitCategory, "general" | "speed">, readonly UnitRow[]>
> = {
  currency: [
    ["JPY", "JPY", "JPY", "円|えん|日本円|¥|yen|japanese yen|엔|엔화"],
    ["USD", "USD", "USD", "ドル|米ドル|$|dollar|dollars|us dollars|buck|bucks|달러|불|미국 달러"],
    ["EUR", "EUR", "EUR", "ユーロ|€|euro|euros|유로"],
    ["KRW", "KRW", "KRW", "ウォン|₩|won|korean won|원|한국 원"],
    ["CNY", "CNY", "CNY", "人民元|元|yuan|renminbi|위안|위안화"],
    ["GBP", "GBP", "GBP", "ポンド|英ポンド|£|pound|pounds|pound sterling|파운드"],
  ],
  area: [
    [
      "square meter",
      "平方メートル",
      "제곱미터",
      "平方メートル|平米|m2|m²|㎡|square meter|square meters|square metre|square metres|sq m|제곱미터|평방미터",
    ],
    [
      "square kilometer",
      "平方キロメートル",
      "제곱킬로미터",
      "平方キロメートル|平方キロ|km2|km²|square kilometer|square kilometers|square kilometre|square kilometres|제곱킬로미터",
    ],
    ["tsubo", "坪", "평", "坪|tsubo|평"],
    ["hectare", "ヘクタール", "헥타르", "ヘクタール|ha|hectare|hectares|헥타르"],
    ["acre", "エーカー", "에이커", "エーカー|acre|acres|에이커"],
    [
      "square foot",
      "平方フィート",
      "제곱피트",
      "平方フィート|sq ft|square foot|square feet|제곱피트",
    ],
    ["tatami", "畳", "다다미", "畳|帖|tatami|tatami mats|다다미"],
  ],
  information: [
    ["bit", "ビット", "비트", "ビット|bit|bits|비트"],
    ["byte", "バイト", "바이트", "バイト|byte|bytes|바이트"],
    ["kilobyte", "キロバイト", "킬로바이트", "キロバイト|kb|kilobyte|kilobytes|킬로바이트"],
    [
      "megabyte",
      "メガバイト",
      "메가바이트",
      "メガバイト|メガ|mb|megabyte|megabytes|meg|megs|메가바이트|메가",
    ],
    [
      "gigabyte",
      "ギガバイト",
      "기가바이트",
      "ギガバイト|ギガ|gb|gigabyte|gigabytes|gig|gigs|기가바이트|기가",
    ],
    [
      "terabyte",
      "テラバイト",
      "테라바이트",
      "テラバイト|テラ|tb|terabyte|terabytes|테라바이트|테라",
    ],
    ["kilobit", "キロビット", "킬로비트", "キロビット|kbit|kilobit|kilobits|킬로비트"],
    ["megabit", "メガビット", "메가비트", "メガビット|mbit|megabit|megabits|메가비트"],
    ["gigabit", "ギガビット", "기가비트", "ギガビット|gbit|gigabit|gigabits|기가비트"],
  ],
  length: [
    [
      "millimeter",
      "ミリメートル",
      "밀리미터",
      "ミリメートル|ミリ|mm|millimeter|millimeters|millimetre|millimetres|밀리미터|밀리",
    ],
    [
      "centimeter",
      "センチメートル",
      "센티미터",
      "センチメートル|センチ|cm|centimeter|centimeters|centimetre|centimetres|센티미터|센티|센치",
    ],
    ["meter", "メートル", "미터", "メートル|m|meter|meters|metre|metres|미터"],
    [
      "kilometer",
      "キロメートル",
      "킬로미터",
      "キロメートル|キロ|km|kilometer|kilometers|kilometre|kilometres|klick|klicks|킬로미터|킬로|키로",
    ],
    ["inch", "インチ", "인치", "インチ|inch|inches|인치"],
    ["foot", "フィート", "피트", "フィート|ft|foot|feet|피트"],
    ["yard", "ヤード", "야드", "ヤード|yd|yard|yards|야드"],
    ["mile", "マイル", "마일", "マイル|mi|mile|miles|마일"],
    ["light year", "光年", "광년", "光年|light year|light years|광년"],
  ],
  ratio: [
    ["percent", "パーセント", "퍼센트", "パーセント|%|percent|per cent|퍼센트|프로"],
    ["times", "倍", "배", "倍|times|fold|배"],
    ["tenth", "割", "할", "割|할"],
  ],
  temperature: [
    ["degree", "度", "도", "度|°c|°|degree|degrees|degree celsius|degrees celsius|celsius|도|섭씨"],
    [
      "degree Fahrenheit",
      "華氏度",
      "화씨도",
      "°f|degree fahrenheit|degrees fahrenheit|fahrenheit|華氏|화씨",
    ],
  ],
  volume: [
    [
      "milliliter",
      "ミリリットル",
      "밀리리터",
      "ミリリットル|ml|milliliter|milliliters|millilitre|millilitres|밀리리터|미리리터",
    ],
    ["deciliter", "デシリットル", "데시리터", "デシリットル|dl|deciliter|deciliters|데시리터"],
    ["liter", "リットル", "리터", "リットル|l|ℓ|liter|liters|litre|litres|리터"],
    [
      "cubic centimeter",
      "立方センチメートル",
      "세제곱센티미터",
      "立方センチメートル|cc|シーシー|cubic centimeter|cubic centimeters|씨씨|시시",
    ],
    [
      "cubic meter",
      "立方メートル",
      "세제곱미터",
      "立方メートル|m3|m³|cubic meter|cubic meters|세제곱미터",
    ],
    ["gallon", "ガロン", "갤런", "ガロン|gal|gallon|gallons|갤런"],
    ["go", "合", "홉", "合|홉"],
  ],
  weight: [
    ["milligram", "ミリグラム", "밀리그램", "ミリグラム|mg|milligram|milligrams|밀리그램"],
    ["gram", "グラム", "그램", "グラム|g|gram|grams|gramme|grammes|그램"],
    [
      "kilogram",
      "キログラム",
      "킬로그램",
      "キログラム|キロ|kg|kilogram|kilograms|kilo|kilos|킬로그램|킬로|키로",
    ],
    ["ton", "トン", "톤", "トン|t|ton|tons|tonne|tonnes|톤"],
    ["pound", "ポンド", "파운드", "ポンド|lb|lbs|pound|pounds|파운드"],
    ["ounce", "オンス", "온스", "オンス|oz|ounce|ounces|온스"],
    ["geun", "斤", "근", "斤|근"],
  ],
};

/** Speed units are length units per time unit, plus a few names of their own. */
export const SPEED_TIMES = [
  {
    en: "hour",
    ja: "時",
    ko: "시",
    forms: ["h", "hr", "hour", "時", "時間", "시", "시간"],
    prefix: ["時速", "시속"],
  },
  {
    en: "minute",
    ja: "分",
    ko: "분",
    forms: ["min", "minute", "分", "분"],
    prefix: ["分速", "분속"],
  },
  {
    en: "second",
    ja: "秒",
    ko: "초",
    forms: ["s", "sec", "second", "秒", "초"],
    prefix: ["秒速", "초속"],
  },
] as const;
export const SPEED_NAMED: readonly UnitRow[] = [
  ["mile per hour", "マイル毎時", "마일매시", "mph"],
  ["kilometer per hour", "キロメートル毎時", "킬로미터매시", "kph|kmh|kmph"],
  ["knot", "ノット", "노트", "ノット|knot|knots|kt|kn|노트"],
  ["mach", "マッハ", "마하", "マッハ|mach|마하"],
];

/** General counters (UNIT_GENERAL): canonical form first, then its variants, per language. */
export const GENERAL_COUNTERS: Readonly<Record<"en" | "ja" | "ko", readonly string[]>> = {
  ja: [
    "個|こ|コ|箇",
    "枚|まい",
    "本|ほん|ぼん|ぽん",
    "台|だい",
    "体|たい",
    "回|かい",
    "件|けん",
    "軒|けん",
    "つ",
    "号|ごう",
    "冊|さつ",
    "杯|はい|ばい|ぱい",
    "カップ",
    "人|にん",
    "匹|ひき|びき|ぴき",
    "頭|とう",
    "階|かい|がい",
    "歳|さい",
    "才",
    "食|しょく",
    "席|せき",
    "位|い",
    "箱|はこ",
    "袋|ふくろ|ぶくろ",
    "ケース",
    "缶|かん",
    "皿|さら",
    "膳",
    "切れ",
    "粒",
    "束",
    "足",
    "着",
    "組",
    "セット",
    "パック",
  ],
  en: [
    "piece|pieces|pcs",
    "item|items",
    "cup|cups",
    "glass|glasses",
    "bottle|bottles",
    "box|boxes",
    "bag|bags",
    "can|cans",
    "time|times",
    "person|persons|people",
    "slice|slices",
    "copy|copies",
    "set|sets",
    "pack|packs",
    "plate|plates",
    "bowl|bowls",
    "serving|servings",
    "floor|floors",
    "year old|years old",
    "page|pages",
    "ticket|tickets",
    "pair|pairs",
    "dozen|dozens",
  ],
  ko: [
    "개",
    "명",
    "분",
    "사람",
    "마리",
    "권",
    "장",
    "잔",
    "병",
    "대",
    "번",
    "회",
    "살",
    "세",
    "층",
    "그릇",
    "판",
    "조각",
    "송이",
    "켤레",
    "벌",
    "채",
    "곳",
    "인분",
    "박스",
    "상자",
    "봉지",
    "캔",
    "컵",
    "접시",
    "세트",
    "팩",
    "알",
    "줄",
    "통",
    "쪽",
    "자루",
  ],
};
