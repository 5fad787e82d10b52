"""演示数据: fills an empty database with a realistic, deterministic demo company and two years of documents."""
from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app import pinyin, settings
from app.customers import (
    code_entry,
    new_customer,
    set_blacklist,
    set_credit,
    set_owner,
    set_status,
    sync_current,
)
from app.documents import LineIn, add_order, add_receipt, add_return
from app.errors import ValidationError
from models import Contact, Customer, FollowUp, Product, Receipt, SalesOrder, Salesperson, SalesReturn
from models.types import FEN, MILLI, fen_to_yuan

Progress = Callable[[str, int, int], None]

MIN_CUSTOMERS, MAX_CUSTOMERS = 20, 10000
DAYS = 730  # two years of documents ending on `today`
CREATED_BY = "演示数据"
COMPANY_NAME = "重庆恒信五金建材贸易有限公司（演示）"
COMPANY_ADDRESS = "重庆市九龙坡区石桥铺五金机电城 A 区 18 号"


@dataclass(frozen=True)
class DemoSummary:
    """What `generate` wrote; `orders` counts every sales order (confirmed, held and draft)."""

    salespeople: int
    customers: int
    products: int
    orders: int
    order_lines: int
    returns: int
    receipts: int
    first_date: date
    last_date: date


# --- the company's world -----------------------------------------------------------------------

CUSTOMER_TYPES = ("批发商", "零售商", "工厂", "终端客户", "工程商")
REGIONS = ("华东", "华南", "华北", "华中", "西南", "西北", "东北")
INDUSTRIES = ("五金", "建材", "电子", "食品", "化工", "机械", "装饰")
POSITIONS = ("总经理", "老板", "采购经理", "采购员", "财务", "仓库主管", "技术员")
PAYMENT_METHODS = ("现金", "银行转账", "承兑汇票", "微信", "支付宝")
FOLLOWUP_METHODS = ("拜访", "电话", "微信")

# city, province prefix ("" for municipalities), region, area code, one-character abbreviation,
# first four digits of the administrative code, districts; weights favour the firm's home market
CITIES: tuple[tuple[str, str, str, str, str, str, tuple[str, ...], int], ...] = (
    ("重庆", "", "西南", "023", "渝", "5001", ("九龙坡区", "渝北区", "南岸区", "沙坪坝区", "江北区", "巴南区"), 34),
    ("成都", "四川省", "西南", "028", "蓉", "5101", ("金牛区", "武侯区", "成华区", "青羊区"), 12),
    ("贵阳", "贵州省", "西南", "0851", "筑", "5201", ("南明区", "云岩区", "观山湖区"), 5),
    ("昆明", "云南省", "西南", "0871", "昆", "5301", ("五华区", "官渡区", "西山区"), 4),
    ("上海", "", "华东", "021", "沪", "3101", ("闵行区", "嘉定区", "宝山区", "浦东新区"), 3),
    ("杭州", "浙江省", "华东", "0571", "杭", "3301", ("萧山区", "余杭区", "拱墅区"), 2),
    ("宁波", "浙江省", "华东", "0574", "甬", "3302", ("鄞州区", "北仑区", "镇海区"), 2),
    ("苏州", "江苏省", "华东", "0512", "苏", "3205", ("吴中区", "相城区", "吴江区"), 2),
    ("南京", "江苏省", "华东", "025", "宁", "3201", ("江宁区", "栖霞区", "浦口区"), 2),
    ("合肥", "安徽省", "华东", "0551", "庐", "3401", ("蜀山区", "包河区", "瑶海区"), 1),
    ("广州", "广东省", "华南", "020", "穗", "4401", ("白云区", "番禺区", "黄埔区", "天河区"), 3),
    ("深圳", "广东省", "华南", "0755", "鹏", "4403", ("宝安区", "龙岗区", "南山区"), 2),
    ("佛山", "广东省", "华南", "0757", "禅", "4406", ("南海区", "顺德区", "禅城区"), 2),
    ("东莞", "广东省", "华南", "0769", "莞", "4419", ("长安镇", "虎门镇", "塘厦镇"), 1),
    ("南宁", "广西壮族自治区", "华南", "0771", "邕", "4501", ("西乡塘区", "江南区", "青秀区"), 1),
    ("北京", "", "华北", "010", "京", "1101", ("朝阳区", "丰台区", "大兴区", "通州区"), 2),
    ("天津", "", "华北", "022", "津", "1201", ("西青区", "东丽区", "北辰区"), 2),
    ("石家庄", "河北省", "华北", "0311", "冀", "1301", ("长安区", "桥西区", "裕华区"), 1),
    ("太原", "山西省", "华北", "0351", "晋", "1401", ("小店区", "迎泽区", "万柏林区"), 1),
    ("武汉", "湖北省", "华中", "027", "汉", "4201", ("江汉区", "洪山区", "东西湖区", "汉阳区"), 4),
    ("长沙", "湖南省", "华中", "0731", "湘", "4301", ("岳麓区", "雨花区", "开福区"), 3),
    ("郑州", "河南省", "华中", "0371", "郑", "4101", ("金水区", "中原区", "管城回族区"), 2),
    ("西安", "陕西省", "西北", "029", "秦", "6101", ("雁塔区", "未央区", "灞桥区"), 3),
    ("兰州", "甘肃省", "西北", "0931", "兰", "6201", ("城关区", "七里河区", "安宁区"), 1),
    ("沈阳", "辽宁省", "东北", "024", "沈", "2101", ("铁西区", "和平区", "浑南区"), 1),
    ("哈尔滨", "黑龙江省", "东北", "0451", "哈", "2301", ("道里区", "南岗区", "香坊区"), 1),
)
ROADS = (
    "人民路", "解放路", "建设路", "中山路", "工业大道", "科技路", "滨江路", "长江路", "迎宾大道", "新华路",
    "兴业路", "创业大道", "朝阳路", "和平路", "五一路", "东风路", "南环路", "北环路", "金桥路", "光明路",
)
MARKETS = ("五金机电城", "建材城", "国际五金市场", "建材大市场", "机电市场")
BANKS = ("中国工商银行", "中国建设银行", "中国农业银行", "中国银行", "交通银行", "招商银行", "兴业银行", "中信银行")

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_NAMES = (
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
    "秀兰", "霞", "平", "刚", "桂英", "建华", "建国", "志强", "海燕", "小红", "晓东", "文斌", "俊", "鹏", "浩",
    "宇", "婷", "雪", "琳", "玉兰", "德华", "国庆", "红梅", "春燕", "思远", "立新", "卫东", "永刚", "家豪",
    "少华", "宏伟", "小军", "建平", "金凤", "光明", "庆华", "志勇", "晓燕", "明辉", "红霞", "丽萍", "文杰",
)
TRADE_CHARS = "鑫宏恒金永瑞华盛汇隆兴丰达通泰顺昌源发嘉利福德信诚新中联远祥康安海天豪晟骏博佳荣凯宇鼎正益"
INDUSTRY_WORDS: dict[str, tuple[str, ...]] = {
    "五金": ("五金机电", "五金交电", "五金", "五金工具"),
    "建材": ("建材", "建筑材料", "装饰建材"),
    "电子": ("电子科技", "电器", "电气设备", "电子"),
    "食品": ("食品", "食品加工", "调味食品"),
    "化工": ("化工", "化工原料", "涂料"),
    "机械": ("机械设备", "机械制造", "机电设备"),
    "装饰": ("装饰工程", "装饰", "装饰设计"),
}
TYPE_SUFFIXES: dict[str, tuple[str, ...]] = {
    "批发商": ("有限公司", "有限公司", "贸易有限公司", "商行"),
    "零售商": ("经营部", "商行", "门市部", "经营部"),
    "工厂": ("有限公司", "有限公司", "制品有限公司"),
    "终端客户": ("有限公司", "股份有限公司"),
    "工程商": ("工程有限公司", "有限公司"),
}
TYPE_WEIGHTS = (30, 25, 20, 15, 10)
SALESPEOPLE = (
    ("S001", "张建国", "销售一部"), ("S002", "李娜", "销售一部"), ("S003", "王志强", "销售一部"),
    ("S004", "刘洋", "销售二部"), ("S005", "陈静", "销售二部"), ("S006", "杨帆", "销售二部"),
    ("S007", "赵磊", "销售三部"), ("S008", "周婷", "销售三部"),
)
# S008 leaves the firm during the demo period; her customers are handed over
LEAVER = 7
OWNER_WEIGHTS = (16, 15, 14, 13, 12, 11, 9, 10)

CATEGORY_BY_INDUSTRY: dict[str, tuple[str, ...]] = {
    "五金": ("紧固件", "五金工具", "管材管件", "阀门"),
    "建材": ("钢材型材", "建材辅料", "管材管件"),
    "电子": ("电线电缆", "电气开关", "五金工具"),
    "食品": ("包装材料", "劳保用品", "阀门"),
    "化工": ("化工涂料", "阀门", "劳保用品", "管材管件"),
    "机械": ("紧固件", "钢材型材", "五金工具", "阀门"),
    "装饰": ("建材辅料", "化工涂料", "电气开关", "管材管件"),
}

# category -> (base name, specs, unit, cost of the first spec, cost of the last spec) in yuan
CATALOG: dict[str, tuple[tuple[str, tuple[str, ...], str, int, int], ...]] = {
    "紧固件": (
        ("不锈钢螺栓", ("M6×20", "M8×30", "M8×40", "M10×40", "M10×50", "M12×50", "M12×60", "M16×80"), "盒", 18, 150),
        ("镀锌六角螺母", ("M8", "M10", "M12", "M16", "M20"), "盒", 8, 45),
        ("膨胀螺栓", ("M8×80", "M10×100", "M12×120", "M16×150"), "盒", 25, 120),
        ("自攻螺钉", ("ST4.2×25", "ST4.8×38", "ST5.5×50"), "盒", 12, 30),
        ("平垫圈", ("Φ8", "Φ10", "Φ12", "Φ16"), "千只", 15, 48),
        ("高强度螺栓 8.8级", ("M16×60", "M20×80", "M24×100"), "套", 3, 9),
        ("化学锚栓", ("M12×160", "M16×190"), "套", 6, 11),
    ),
    "钢材型材": (
        ("镀锌角钢", ("40×4", "50×5", "63×6", "75×8"), "吨", 4600, 4900),
        ("槽钢", ("8#", "10#", "12#", "16#"), "吨", 4100, 4400),
        ("工字钢", ("12#", "16#", "20#"), "吨", 4200, 4450),
        ("镀锌方管", ("40×40×2", "50×50×2.5", "80×80×3"), "吨", 4800, 5200),
        ("圆钢", ("Φ12", "Φ16", "Φ20"), "吨", 3900, 4050),
        ("热轧钢板", ("3mm", "6mm", "10mm"), "吨", 4000, 4150),
        ("螺纹钢 HRB400", ("Φ12", "Φ16", "Φ20"), "吨", 3700, 3850),
    ),
    "管材管件": (
        ("PVC 排水管", ("DN50", "DN75", "DN110", "DN160"), "根", 12, 68),
        ("PPR 给水管", ("De20", "De25", "De32"), "米", 3, 7),
        ("镀锌钢管", ("DN20", "DN25", "DN50", "DN80"), "根", 55, 260),
        ("PVC 弯头 90°", ("DN50", "DN110"), "个", 2, 7),
        ("PVC 三通", ("DN50", "DN110"), "个", 3, 9),
        ("PPR 直接", ("De20", "De25"), "个", 1, 2),
        ("HDPE 给水管", ("DN63", "DN110"), "米", 14, 40),
    ),
    "电线电缆": (
        ("BV 铜芯电线", ("1.5mm²", "2.5mm²", "4mm²", "6mm²"), "卷", 120, 560),
        ("YJV 电力电缆", ("3×4+1×2.5", "3×10+1×6", "3×25+1×16"), "米", 18, 120),
        ("RVV 护套线", ("2×1.0", "3×1.5"), "卷", 160, 320),
        ("超五类网线", ("305米/箱",), "箱", 260, 260),
    ),
    "电气开关": (
        ("DZ47 空气开关", ("C16", "C32", "C63"), "只", 9, 25),
        ("漏电保护器", ("2P 32A", "4P 63A"), "只", 35, 120),
        ("五孔插座", ("86型",), "个", 6, 6),
        ("单开开关", ("86型",), "个", 4, 4),
        ("配电箱", ("12回路", "24回路"), "台", 120, 260),
        ("LED 灯管", ("T8 1.2m",), "支", 11, 11),
        ("LED 工矿灯", ("100W", "150W"), "盏", 85, 130),
    ),
    "五金工具": (
        ("电锤", ("26mm",), "台", 260, 260),
        ("角磨机", ("100型",), "台", 135, 135),
        ("手电钻", ("10mm",), "台", 120, 120),
        ("型材切割机", ("355型",), "台", 480, 480),
        ("活动扳手", ("8寸", "10寸", "12寸"), "把", 16, 32),
        ("钢卷尺", ("5m", "7.5m"), "把", 7, 12),
        ("钢丝钳", ("8寸",), "把", 18, 18),
        ("螺丝刀套装", ("32件",), "套", 38, 38),
        ("内六角扳手套装", ("9件",), "套", 22, 22),
        ("树脂切割片", ("105×1.2", "355×3.0"), "片", 2, 12),
        ("麻花钻头", ("Φ6", "Φ10", "Φ13"), "支", 3, 9),
    ),
    "建材辅料": (
        ("水泥 P.O42.5", ("散装",), "吨", 390, 390),
        ("腻子粉", ("20kg",), "袋", 16, 16),
        ("瓷砖胶", ("20kg",), "袋", 28, 28),
        ("中性玻璃胶", ("300ml",), "支", 7, 7),
        ("聚氨酯发泡胶", ("750ml",), "支", 15, 15),
        ("纸面石膏板", ("9.5mm",), "张", 21, 21),
        ("轻钢龙骨", ("50型", "75型"), "根", 8, 12),
        ("SBS 防水卷材", ("3mm", "4mm"), "卷", 95, 125),
    ),
    "化工涂料": (
        ("醇酸防锈漆", ("铁红 18L",), "桶", 160, 160),
        ("醇酸调和漆", ("白色 18L", "灰色 18L"), "桶", 175, 175),
        ("环氧地坪漆", ("20kg",), "桶", 320, 320),
        ("油漆稀释剂", ("16L",), "桶", 95, 95),
        ("JS 防水涂料", ("20kg",), "桶", 140, 140),
        ("内墙乳胶漆", ("18L",), "桶", 210, 210),
        ("氟碳漆", ("20kg",), "桶", 560, 560),
        ("工业酒精 95%", ("25kg",), "桶", 150, 150),
    ),
    "阀门": (
        ("Z41H 闸阀", ("DN50", "DN80", "DN100"), "台", 260, 620),
        ("Q11F 球阀", ("DN15", "DN25", "DN50"), "只", 28, 120),
        ("H44H 止回阀", ("DN50", "DN100"), "台", 300, 700),
        ("D71X 蝶阀", ("DN100", "DN150"), "台", 210, 360),
    ),
    "劳保用品": (
        ("棉纱劳保手套", ("600g",), "打", 18, 18),
        ("丁腈手套", ("L号",), "双", 4, 4),
        ("ABS 安全帽", ("V型",), "顶", 14, 14),
        ("反光背心", ("均码",), "件", 6, 6),
        ("防砸劳保鞋", ("钢包头",), "双", 58, 58),
        ("KN95 防尘口罩", ("50只/盒",), "盒", 45, 45),
        ("全身式安全带", ("双钩",), "条", 95, 95),
    ),
    "包装材料": (
        ("PE 缠绕膜", ("50cm",), "卷", 32, 32),
        ("PP 打包带", ("1608",), "卷", 45, 45),
        ("封箱胶带", ("4.8cm×100m",), "卷", 4, 4),
        ("三层瓦楞纸箱", ("40×30×30",), "个", 3, 3),
        ("编织袋", ("60×100",), "条", 1, 1),
        ("气泡膜", ("1m×50m",), "卷", 38, 38),
    ),
}
CATEGORIES = tuple(CATALOG)

POSITION_WEIGHTS = (12, 10, 20, 25, 14, 12, 7)
RETURN_REASONS = ("质量问题退货", "规格不符退回", "多发退回", "客户工地停工退回", "包装破损退货")
HOBBIES = ("钓鱼", "喝茶", "羽毛球", "打麻将", "登山", "摄影", "象棋", "篮球")
ORDER_NOTES = ("送货上门", "客户自提", "加急", "分批送货", "含运费", "物流代收")
MONTH_FACTOR = (0.85, 0.55, 1.05, 1.1, 1.1, 1.0, 0.95, 0.95, 1.05, 1.0, 1.1, 1.15)

# size tiers: (weight, typical order amount in yuan lo..hi, orders per month lo..hi in tenths)
TIERS = ((8, 20000, 60000, 22, 45), (17, 8000, 20000, 11, 22), (35, 2500, 8000, 6, 13), (40, 500, 2500, 2, 7))


# --- plans (what will be written), kept in plain Python so the whole run is reproducible -------


@dataclass
class _Cust:
    idx: int
    code: str
    name: str
    short_name: str
    type_name: str
    industry: str
    city: int
    created: date
    profile: str  # prompt | slow | defaulter | dormant | prospect | grower | prepay
    order_fen: int = 0  # typical order amount
    rate: float = 0.0  # orders per month (a frequency, not money)
    term: int = 0
    limit: int = 0  # yuan
    monthly_settle: bool = False
    discount_pct: int = 100
    first_order: date | None = None  # earliest day an order may fall on
    last_order: date | None = None  # latest day an order may fall on
    stop_paying: date | None = None
    growth_start: date | None = None
    blocked: list[tuple[date, date]] = field(default_factory=list)  # no orders start ≤ d < end
    owners: list[tuple[date, int | None, str | None]] = field(default_factory=list)
    statuses: list[tuple[date, str, str | None]] = field(default_factory=list)
    blacklist: list[tuple[date, bool, str]] = field(default_factory=list)
    credit_changes: list[tuple[date, int, int, str]] = field(default_factory=list)
    favourites: list[int] = field(default_factory=list)
    contacts: list[int] = field(default_factory=list)  # contact ids once written
    id: int = 0

    def owner_on(self, d: date) -> int | None:
        current = self.owners[0][1]
        for eff, sp, _ in self.owners:
            if eff <= d:
                current = sp
        return current


@dataclass
class _Order:
    cust: _Cust
    date: date
    seq: int
    lines: list[LineIn]
    handler: int
    status: str = "confirmed"
    notes: str | None = None
    number: str = ""
    id: int = 0
    due_date: date | None = None
    total: Decimal = Decimal("0")


@dataclass(frozen=True)
class _ReceiptPlan:
    date: date
    cust: _Cust
    amount: Decimal
    order_id: int | None
    method: str
    notes: str | None = None


def _numbers(prefix: str, days: list[date]) -> list[str]:
    """PREFIX-YYYYMMDD-NNNN for documents already sorted by date, numbered per day from 0001."""
    per_day: dict[date, int] = defaultdict(int)
    out = []
    for d in days:
        per_day[d] += 1
        out.append(f"{prefix}-{d:%Y%m%d}-{per_day[d]:04d}")
    return out


class _Generator:
    def __init__(self, session: Session, rng: random.Random, customers: int, today: date,
                 progress: Progress | None) -> None:
        self.s = session
        self.rng = rng
        self.n = customers
        self.today = today
        self.start = today - timedelta(days=DAYS - 1)
        self.report = progress or (lambda _stage, _done, _total: None)
        self.codes: dict[tuple[str, str], int] = {}
        self.sp_ids: list[int] = []
        self.leaver_date = today - timedelta(days=rng.randint(250, 340))
        self.products: list[tuple[int, str, Decimal, Decimal, str]] = []  # id, category, cost, price, unit
        self.by_category: dict[str, list[int]] = defaultdict(list)  # category -> product indexes
        self.custs: list[_Cust] = []
        self.orders: list[_Order] = []
        self.n_lines = 0
        self.n_returns = 0
        self.n_receipts = 0
        self.doc_dates: list[date] = []

    # -- small helpers --------------------------------------------------------------------------

    def code_id(self, kind: str, name: str) -> int:
        key = (kind, name)
        if key not in self.codes:
            entry = code_entry(self.s, kind, name)
            assert entry is not None
            self.codes[key] = entry.id
        return self.codes[key]

    def person(self) -> str:
        return self.rng.choice(SURNAMES) + self.rng.choice(GIVEN_NAMES)

    def mobile(self) -> str:
        prefix = self.rng.choice(("13", "13", "13", "15", "18", "17"))
        return prefix + str(self.rng.randint(0, 9)) + "".join(str(self.rng.randint(0, 9)) for _ in range(8))

    def day_between(self, lo: date, hi: date) -> date:
        return lo + timedelta(days=self.rng.randint(0, max(0, (hi - lo).days)))

    def forget(self) -> None:
        """Written rows are not needed as objects again: flush them and keep the identity map small."""
        self.s.flush()
        self.s.expunge_all()

    def employed(self, on: date) -> list[int]:
        """Salesperson indexes working on a date (the leaver only before she left)."""
        return [i for i in range(len(SALESPEOPLE)) if i != LEAVER or on < self.leaver_date]

    # -- master data ----------------------------------------------------------------------------

    def setup(self) -> None:
        settings.save(self.s, company_name=COMPANY_NAME, company_address=COMPANY_ADDRESS)
        for kind, names in (
            ("customer_type", CUSTOMER_TYPES), ("region", REGIONS), ("industry", INDUSTRIES),
            ("position", POSITIONS), ("product_category", CATEGORIES), ("payment_method", PAYMENT_METHODS),
            ("followup_method", FOLLOWUP_METHODS),
        ):
            for name in names:
                self.code_id(kind, name)
        people = []
        for i, (code, name, dept) in enumerate(SALESPEOPLE):
            people.append(
                Salesperson(
                    code=code, name=name, pinyin=pinyin.search_keys(name), initials=pinyin.initials(name),
                    department=dept, phone=self.mobile(), employed=i != LEAVER,
                )
            )
        self.s.add_all(people)
        self.s.flush()
        self.sp_ids = [p.id for p in people]

    def make_products(self) -> None:
        rows: list[Product] = []
        meta: list[tuple[str, str]] = []
        for category in CATEGORIES:
            cat_id = self.code_id("product_category", category)
            for base, specs, unit, lo, hi in CATALOG[category]:
                for k, spec in enumerate(specs):
                    cost_fen = (lo * 100 + (hi - lo) * 100 * k // max(1, len(specs) - 1))
                    cost_fen = cost_fen * self.rng.randint(94, 106) // 100
                    if cost_fen >= 1000:  # whole jiao above ten yuan, as price lists are written
                        cost_fen = cost_fen // 10 * 10
                    cost_fen = max(cost_fen, 50)
                    cost = fen_to_yuan(cost_fen)
                    price = (cost * Decimal(self.rng.randint(112, 138)) / 100).quantize(FEN, ROUND_HALF_UP)
                    if price >= 10:
                        price = price.quantize(Decimal("0.1"), ROUND_HALF_UP).quantize(FEN)
                    name = f"{base} {spec}"
                    rows.append(
                        Product(
                            code=f"P{len(rows) + 1:04d}", name=name, pinyin=pinyin.search_keys(name),
                            initials=pinyin.initials(name), spec=spec, unit=unit, category_id=cat_id,
                            cost=cost, price=price,
                        )
                    )
                    meta.append((category, unit))
        self.s.add_all(rows)
        self.s.flush()
        for i, (p, (category, unit)) in enumerate(zip(rows, meta, strict=True)):
            self.products.append((p.id, category, p.cost, p.price, unit))
            self.by_category[category].append(i)

    # -- customers ------------------------------------------------------------------------------

    def company_name(self, city: int, industry: str, type_name: str, taken: set[str]) -> tuple[str, str]:
        city_name, abbr = CITIES[city][0], CITIES[city][4]
        while True:
            first = abbr if self.rng.random() < 0.3 else self.rng.choice(TRADE_CHARS)
            second = self.rng.choice(TRADE_CHARS)
            if second == first:
                continue
            trade = first + second
            word = self.rng.choice(INDUSTRY_WORDS[industry])
            suffix = self.rng.choice(TYPE_SUFFIXES[type_name])
            if word.endswith(("制造", "加工", "工程", "设计")) and suffix in ("制品有限公司", "工程有限公司"):
                suffix = "有限公司"
            name = f"{city_name}{trade}{word}{suffix}"
            if name not in taken:
                taken.add(name)
                return name, trade + word[:2]

    def assign_profiles(self) -> list[str]:
        n, rng = self.n, self.rng
        fixed = (
            ["prospect"] * max(2, n * 7 // 100)
            + ["defaulter"] * (2 if n < 150 else 3)
            + ["grower"] * max(3, n // 60)
            + ["dormant"] * max(3, n // 10)
            + ["prepay"] * max(1, n // 100)
        )
        rest = n - len(fixed)
        slow = rest * 25 // 100
        profiles = fixed + ["slow"] * slow + ["prompt"] * (rest - slow)
        rng.shuffle(profiles)
        return profiles

    def plan_customers(self) -> None:
        rng, today, start = self.rng, self.today, self.start
        profiles = self.assign_profiles()
        taken: set[str] = set()
        city_weights = [c[7] for c in CITIES]
        width = max(4, len(str(self.n)))
        for i, profile in enumerate(profiles):
            city = rng.choices(range(len(CITIES)), weights=city_weights)[0]
            industry = rng.choice(INDUSTRIES)
            type_name = rng.choices(CUSTOMER_TYPES, weights=TYPE_WEIGHTS)[0]
            name, short = self.company_name(city, industry, type_name, taken)
            if profile == "prospect":
                created = today - timedelta(days=rng.randint(5, 200))
            elif profile in ("grower", "dormant", "defaulter") or rng.random() < 0.78:
                created = start - timedelta(days=rng.randint(1, 1500))
            else:  # won during the two years
                created = self.day_between(start, today - timedelta(days=150))
            c = _Cust(i, f"C{i + 1:0{width}d}", name, short, type_name, industry, city, created, profile)
            self.plan_terms(c)
            self.plan_owner(c)
            self.plan_life(c)
            cats = list(CATEGORY_BY_INDUSTRY[industry])
            pool = [p for cat in cats for p in self.by_category[cat]]
            c.favourites = sorted(rng.sample(pool, min(len(pool), rng.randint(8, 24))))
            self.custs.append(c)

    def plan_terms(self, c: _Cust) -> None:
        rng = self.rng
        tier = rng.choices(TIERS, weights=[t[0] for t in TIERS])[0]
        if c.profile == "grower":  # mid-sized, so that growth does not make them an A customer
            tier = TIERS[2]
        elif c.profile == "defaulter":  # big enough that what they leave unpaid shows
            tier = TIERS[rng.randint(1, 2)]
        c.order_fen = rng.randint(tier[1], tier[2]) * 100
        rate_tenths = rng.randint(tier[3], tier[4])
        if c.profile in ("grower", "defaulter"):
            rate_tenths = max(rate_tenths, 12)
        c.rate = rate_tenths / 10
        if tier is TIERS[0]:
            c.discount_pct = rng.randint(95, 98)
        elif tier is TIERS[1]:
            c.discount_pct = rng.choice((97, 98, 100))
        if c.profile == "prepay" or (c.type_name in ("零售商", "终端客户") and rng.random() < 0.5):
            c.term = 0
        else:
            c.term = rng.choices((0, 15, 30, 45, 60), weights=(8, 15, 40, 22, 15))[0]
        if c.profile in ("grower", "defaulter"):
            c.term = 30
        if c.term:
            # about one and a half times what is normally outstanding, in round ten thousands
            monthly_yuan = c.order_fen * rate_tenths // 1000
            c.limit = max(10000, monthly_yuan * (c.term + 30) // 30 * 3 // 2 // 10000 * 10000)
        c.monthly_settle = c.term >= 30 and rng.random() < 0.6

    def plan_owner(self, c: _Cust) -> None:
        rng = self.rng
        owner: int | None = None
        if rng.random() >= 0.12:
            owner = rng.choices(range(len(SALESPEOPLE)), weights=OWNER_WEIGHTS)[0]
            if owner == LEAVER and c.created >= self.leaver_date:
                owner = rng.randrange(LEAVER)
        c.owners.append((c.created, owner, None))
        lo, hi = max(c.created + timedelta(days=30), self.start), self.today - timedelta(days=10)
        roll = rng.random()
        if lo < hi:
            d = self.day_between(lo, hi)
            if owner is None and roll < 0.25:
                c.owners.append((d, rng.randrange(LEAVER), "共享客户分配给销售员跟进"))
            elif owner is not None and roll < 0.06:
                c.owners.append((d, rng.choice([i for i in range(LEAVER) if i != owner]), "区域调整"))
            elif owner is not None and roll < 0.075:
                c.owners.append((d, None, "销售员工作调整，转入公司共享"))
        if c.owner_on(self.leaver_date) == LEAVER:
            c.owners.append((self.leaver_date, rng.randrange(LEAVER), "原负责销售员离职，客户移交"))
        c.owners.sort(key=lambda o: o[0])

    def plan_life(self, c: _Cust) -> None:
        """Status, blacklist and credit changes, and the days the customer may order on."""
        rng, today, start = self.rng, self.today, self.start
        c.first_order = max(c.created + timedelta(days=rng.randint(1, 20)), start)
        c.last_order = today
        if c.profile == "prospect":
            c.statuses.append((c.created, "prospect", None))
            c.first_order = c.last_order = None
        elif c.created >= start:  # won during the demo period: a prospect until business starts
            c.statuses.append((c.created, "prospect", None))
            c.statuses.append((c.first_order, "active", "开始合作"))
        else:
            c.statuses.append((c.created, "active", None))
        if c.profile == "dormant":
            c.last_order = today - timedelta(days=rng.randint(100, 420))
            end = c.last_order + timedelta(days=rng.randint(120, 200))
            if end < today and rng.random() < 0.3:
                c.statuses.append((end, "terminated", "长期无业务往来，终止合作"))
            elif end < today and rng.random() < 0.2:
                c.statuses.append((end, "suspended", "客户经营困难，暂停供货"))
        elif c.profile == "defaulter":
            c.stop_paying = today - timedelta(days=rng.randint(200, 320))
            c.last_order = c.stop_paying + timedelta(days=rng.randint(30, 70))
            suspended = c.stop_paying + timedelta(days=rng.randint(90, 110))
            listed = suspended + timedelta(days=rng.randint(20, 60))
            c.statuses.append((suspended, "suspended", "货款逾期未付，暂停发货"))
            c.blacklist.append((listed, True, "长期拖欠货款，逾期超过 90 天，多次催收无果"))
            c.credit_changes.append((listed, 0, 0, "列入黑名单，取消信用额度"))
        elif c.profile == "grower":
            month = today.replace(day=1) - relativedelta(months=5)
            c.growth_start = month

    def plan_special(self) -> None:
        """A couple of blacklistings that were later lifted, a few credit changes, one blacklisted leaver."""
        rng, today = self.rng, self.today
        candidates = [c for c in self.custs if c.profile == "slow" and c.created < self.start]
        candidates += [c for c in self.custs if c.profile == "prompt" and c.created < self.start]
        for c in candidates[:2]:
            listed = today - timedelta(days=rng.randint(330, 480))
            lifted = listed + timedelta(days=rng.randint(40, 90))
            c.blacklist.append((listed, True, rng.choice(("多次拖欠货款，经催收仍未付清", "提供虚假资料骗取账期"))))
            c.blacklist.append((lifted, False, "已结清欠款，经销售经理批准恢复合作"))
            c.blocked.append((listed, lifted))
        if self.n >= 150:
            dormant = [c for c in self.custs if c.profile == "dormant" and c.last_order and
                       c.last_order < today - timedelta(days=200)]
            for c in dormant[:1]:
                d = c.last_order + timedelta(days=rng.randint(30, 90))
                c.blacklist.append((d, True, "货物质量纠纷中恶意拒付，已走法律程序"))
                c.statuses = [st for st in c.statuses if st[0] < d] + [(d, "terminated", "列入黑名单，终止合作")]
        # growers get more credit, a few others get tighter terms
        for c in [c for c in self.custs if c.profile == "grower"][:2]:
            assert c.growth_start is not None
            d = c.growth_start + timedelta(days=rng.randint(20, 60))
            c.credit_changes.append((d, 45, max(c.limit * 2, 50000), "采购量增长，提高账期和额度"))
        for c in [c for c in self.custs if c.profile == "slow" and c.term >= 45][:2]:
            d = self.start + timedelta(days=rng.randint(200, 400))
            c.credit_changes.append((d, 30, c.limit, "经常逾期，缩短账期"))
        # suspended for a while, then back to business
        for c in [c for c in self.custs if c.profile == "prompt" and c.created < self.start and not c.blocked][:2]:
            d = self.start + timedelta(days=rng.randint(100, 400))
            back = d + timedelta(days=rng.randint(30, 60))
            c.statuses.append((d, "suspended", "客户内部整顿，暂停供货"))
            c.statuses.append((back, "active", "整顿结束，恢复供货"))
            c.statuses.sort(key=lambda s: s[0])
            c.blocked.append((d, back))

    def write_customers(self) -> None:
        rng = self.rng
        total = len(self.custs)
        for k, c in enumerate(self.custs):
            city = CITIES[c.city]
            district = rng.choice(city[6])
            prefix = city[1] + city[0] + "市"
            if c.type_name in ("批发商", "零售商") and rng.random() < 0.5:
                address = (f"{prefix}{district}{rng.choice(MARKETS)}{rng.choice('ABCDE')}区"
                           f"{rng.randint(1, 30)}栋{rng.randint(1, 60)}号")
            else:
                address = f"{prefix}{district}{rng.choice(ROADS)}{rng.randint(1, 999)}号"
            fields: dict[str, object] = {}
            if c.type_name != "零售商" or rng.random() < 0.3:
                fields["bank"] = f"{rng.choice(BANKS)}{city[0]}{district.rstrip('区镇')}支行"
                fields["bank_account"] = "".join(str(rng.randint(0, 9)) for _ in range(19))
                alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
                fields["tax_id"] = (f"91{city[5]}{rng.randint(1, 99):02d}MA"
                                    + "".join(rng.choice(alphabet) for _ in range(8)))
            sp_on_created = c.owners[0][1]
            customer = new_customer(
                self.s, code=c.code, name=c.name, short_name=c.short_name, created=c.created,
                owner_id=None if sp_on_created is None else self.sp_ids[sp_on_created],
                status=c.statuses[0][1], term_days=c.term,
                credit_limit=Decimal(c.limit), changed_by=CREATED_BY,
                type_id=self.code_id("customer_type", c.type_name), region_id=self.code_id("region", city[2]),
                industry_id=self.code_id("industry", c.industry), address=address, **fields,
            )
            c.id = customer.id
            for eff, sp, reason in c.owners[1:]:
                set_owner(self.s, c.id, None if sp is None else self.sp_ids[sp], eff, CREATED_BY, reason)
            for eff, status, reason in c.statuses[1:]:
                set_status(self.s, c.id, status, eff, CREATED_BY, reason)
            for eff, flag, reason in c.blacklist:
                set_blacklist(self.s, c.id, flag, eff, CREATED_BY, reason)
            for eff, term, limit, reason in c.credit_changes:
                set_credit(self.s, c.id, term, Decimal(limit), eff, CREATED_BY, reason)
            contacts = []
            for j in range(rng.choices((1, 2, 3), weights=(45, 40, 15))[0]):
                position = rng.choices(POSITIONS, weights=POSITION_WEIGHTS)[0] if j else rng.choice(
                    ("总经理", "老板", "采购经理"))
                contacts.append(
                    Contact(
                        customer_id=c.id, name=self.person(), position_id=self.code_id("position", position),
                        mobile=self.mobile(),
                        phone=f"{city[3]}-{rng.randint(6000000, 8999999)}" if rng.random() < 0.4 else None,
                        email=f"{c.code.lower()}_{j + 1}@example.com" if rng.random() < 0.2 else None,
                        birthday=date(rng.randint(1962, 1995), rng.randint(1, 12), rng.randint(1, 28))
                        if rng.random() < 0.3 else None,
                        hobbies=rng.choice(HOBBIES) if rng.random() < 0.2 else None,
                    )
                )
            self.s.add_all(contacts)
            self.s.flush()
            c.contacts = [ct.id for ct in contacts]
            if k % 50 == 0:
                self.report("生成客户", k, total)
        # the list columns show the values in force on the demo's own `today`, not the wall clock's
        sync_current(self.s, today=self.today)
        self.report("生成客户", total, total)

    # -- orders ---------------------------------------------------------------------------------

    def order_days(self, c: _Cust) -> list[date]:
        """A trading customer reorders at a fairly regular rhythm: gaps of 55–145 % of its mean interval."""
        if c.first_order is None or c.last_order is None:
            return []
        rng, days = self.rng, []
        mean_gap = 30.4 / c.rate  # days (a frequency, not money)
        d = c.first_order + timedelta(days=rng.randint(0, int(mean_gap)))
        while True:
            if d.weekday() == 6 or (d.weekday() == 5 and rng.random() < 0.6):
                d += timedelta(days=7 - d.weekday())  # the weekend's orders come in on Monday
            if d > c.last_order:
                break
            if not any(a <= d < b for a, b in c.blocked):
                days.append(d)
            # busier towards the end of the period, quiet around the Spring Festival
            trend = 0.9 + 0.2 * (d - self.start).days / DAYS
            gap = mean_gap * rng.randint(55, 145) / 100 / (MONTH_FACTOR[d.month - 1] * trend)
            if c.growth_start is not None and d >= c.growth_start - timedelta(days=int(mean_gap) // 2):
                gap /= 2.2
            d += timedelta(days=max(1, round(gap)))
        if c.stop_paying is not None and not any(x >= c.stop_paying for x in days):
            # a defaulter keeps buying for a while after it stops paying
            days += sorted({self.day_between(c.stop_paying, c.last_order) for _ in range(2)})
        if c.growth_start is not None:
            # a growing customer buys in every full month of the last six, so the growth is plain to see
            month = c.growth_start
            while month + relativedelta(months=1) <= self.today.replace(day=1):
                end = month + relativedelta(months=1, days=-1)
                if not any(month <= x <= end for x in days):
                    days.append(self.day_between(month, end))
                month += relativedelta(months=1)
            days.sort()
        return days

    def make_lines(self, c: _Cust, on: date) -> list[LineIn]:
        rng = self.rng
        target = c.order_fen * rng.randint(40, 170) // 100
        if c.growth_start is not None and on >= c.growth_start:
            target = target * 16 // 10
        count = rng.choices((1, 2, 3, 4, 5, 6), weights=(22, 26, 22, 14, 9, 7))[0]
        picks: list[int] = []
        while len(picks) < count:
            p = rng.choice(c.favourites) if rng.random() < 0.85 else rng.randrange(len(self.products))
            if p not in picks:
                picks.append(p)
        lines = []
        for p in picks:
            pid, _cat, cost, list_price, unit = self.products[p]
            price = list_price
            if c.discount_pct != 100 or rng.random() < 0.05:
                pct = c.discount_pct if c.discount_pct != 100 else rng.choice((95, 97, 98))
                price = (list_price * pct / 100).quantize(FEN, ROUND_HALF_UP)
            share = target * rng.randint(50, 150) // 100 // count
            price_fen = int(price * 100)
            if unit == "吨":
                qty = (Decimal(share) / price_fen).quantize(MILLI, ROUND_HALF_UP)
                qty = max(qty, Decimal("0.5"))
            else:
                units = max(1, share // price_fen)
                if units > 50:
                    units = units // 10 * 10
                qty = Decimal(units).quantize(MILLI)
            lines.append(LineIn(product_id=pid, qty=qty, price=price, unit_cost=cost))
        return lines

    def handler(self, c: _Cust, on: date) -> int:
        owner = c.owner_on(on)
        if owner is not None and self.rng.random() < 0.87:
            return owner
        return self.rng.choice(self.employed(on))

    def plan_orders(self) -> None:
        rng, today = self.rng, self.today
        for c in self.custs:
            for seq, d in enumerate(self.order_days(c)):
                notes = rng.choice(ORDER_NOTES) if rng.random() < 0.15 else None
                self.orders.append(_Order(c, d, seq, self.make_lines(c, d), self.handler(c, d), notes=notes))
        # a few orders waiting on a credit hold, and a few drafts being keyed in
        slow = [c for c in self.custs if c.profile == "slow" and c.last_order == today and not c.blocked]
        for k, c in enumerate(slow[:4]):
            d = today - timedelta(days=k)
            self.orders.append(_Order(c, d, 1000 + k, self.make_lines(c, d), self.handler(c, d), "held",
                                      "超信用额度或有逾期账款，待审批"))
        prompt = [c for c in self.custs if c.profile == "prompt" and c.last_order == today and not c.blocked]
        for k, c in enumerate(prompt[:3]):
            self.orders.append(_Order(c, today, 1000 + k, self.make_lines(c, today), self.handler(c, today),
                                      "draft", "草稿，待客户确认数量"))
        self.orders.sort(key=lambda o: (o.date, o.cust.idx, o.seq))
        for o, number in zip(self.orders, _numbers("XS", [o.date for o in self.orders]), strict=True):
            o.number = number

    def write_orders(self) -> None:
        total = len(self.orders)
        for k, o in enumerate(self.orders):
            row = add_order(
                self.s, number=o.number, date=o.date, customer_id=o.cust.id, lines=o.lines,
                handler_id=self.sp_ids[o.handler], status=o.status, notes=o.notes, created_by=CREATED_BY,
            )
            o.id, o.due_date, o.total = row.id, row.due_date, row.total
            self.n_lines += len(o.lines)
            self.doc_dates.append(o.date)
            if k % 250 == 0:
                self.report("生成销售单", k, total)
                self.forget()
        self.forget()
        self.report("生成销售单", total, total)

    # -- returns and receipts -------------------------------------------------------------------

    def plan_returns(self) -> list[tuple[date, _Order, list[LineIn], bool, str]]:
        rng, today = self.rng, self.today
        out = []
        for o in self.orders:
            if o.status != "confirmed" or o.date > today - timedelta(days=5) or rng.random() >= 0.025:
                continue
            d = min(today, o.date + timedelta(days=rng.randint(3, 45)))
            lines = []
            for line in rng.sample(o.lines, 1 if len(o.lines) == 1 or rng.random() < 0.8 else 2):
                if line.qty == line.qty.to_integral_value() and line.qty >= 1:
                    qty = Decimal(rng.randint(1, max(1, int(line.qty) // 2 + 1))).quantize(MILLI)
                else:
                    qty = (line.qty * rng.randint(10, 60) / 100).quantize(MILLI, ROUND_HALF_UP)
                qty = min(max(qty, MILLI), line.qty)
                lines.append(LineIn(product_id=line.product_id, qty=qty, price=line.price, unit_cost=line.unit_cost))
            out.append((d, o, lines, rng.random() < 0.85, rng.choice(RETURN_REASONS)))
        out.sort(key=lambda r: (r[0], r[1].cust.idx, r[1].number))
        return out

    def write_returns(self, planned: list[tuple[date, _Order, list[LineIn], bool, str]]) -> dict[int, list]:
        """Write the returns; {customer idx: [(date, amount, named order id or None)]} for the payers."""
        by_cust: dict[int, list[tuple[date, Decimal, int | None]]] = defaultdict(list)
        numbers = _numbers("TH", [r[0] for r in planned])
        for (d, o, lines, named, reason), number in zip(planned, numbers, strict=True):
            ret = add_return(
                self.s, number=number, date=d, customer_id=o.cust.id, lines=lines,
                order_id=o.id if named else None, handler_id=self.sp_ids[o.handler],
                notes=f"原单 {o.number}，{reason}", created_by=CREATED_BY,
            )
            by_cust[o.cust.idx].append((d, ret.total, o.id if named else None))
            self.doc_dates.append(d)
        self.n_returns = len(planned)
        self.forget()
        return by_cust

    def settle_day(self, d: date) -> date:
        """The 25th of d's month: when monthly-settling customers pay."""
        return d.replace(day=25)

    def pay_date(self, c: _Cust, o: _Order) -> date | None:
        """When the customer pays this order (None: never), by its behaviour profile."""
        rng = self.rng
        assert o.due_date is not None
        if c.stop_paying is not None and o.date >= c.stop_paying:
            return None
        late = c.profile in ("slow", "defaulter") or (c.profile == "dormant" and rng.random() < 0.3)
        if c.term == 0:
            return o.date + timedelta(days=rng.randint(3, 40) if late and rng.random() < 0.5 else 0)
        if late:
            base = o.due_date + timedelta(days=rng.randint(30, 90))
        else:
            base = o.due_date - timedelta(days=rng.randint(0, min(c.term, 10)))
        if c.monthly_settle:
            day = self.settle_day(base)
            if day > base and not late:
                previous = self.settle_day(base - relativedelta(months=1))
                day = previous if previous >= o.date else base
            base = day
        return max(base, o.date)

    def plan_receipts(self, returns: dict[int, list]) -> list[_ReceiptPlan]:
        rng, today = self.rng, self.today
        orders_by_cust: dict[int, list[_Order]] = defaultdict(list)
        for o in self.orders:
            if o.status == "confirmed":
                orders_by_cust[o.cust.idx].append(o)
        out: list[_ReceiptPlan] = []
        for c in self.custs:
            groups: dict[date, list[_Order]] = {}
            for o in orders_by_cust.get(c.idx, []):
                d = self.pay_date(c, o)
                if d is not None and d <= today:
                    groups.setdefault(d, []).append(o)
            rets = sorted(returns.get(c.idx, []), key=lambda r: r[0])
            named_ret: dict[int, list[tuple[date, Decimal]]] = defaultdict(list)
            for d, amount, oid in rets:
                if oid is not None:
                    named_ret[oid].append((d, amount))
            # credit a customer deducts from its next payment: returns on orders already paid or naming none
            pending = [(d, amount) for d, amount, oid in rets if oid is None]
            for d in sorted(groups):
                due = Decimal("0.00")
                for o in groups[d]:
                    owed = o.total
                    for rd, amount in named_ret.get(o.id, []):
                        if rd <= d:
                            owed -= min(amount, owed)
                        else:
                            pending.append((rd, amount))
                    due += owed
                usable = [p for p in pending if p[0] <= d]
                for p in usable:
                    take = min(p[1], due)
                    due -= take
                    pending.remove(p)
                    if p[1] > take:
                        pending.append((p[0], p[1] - take))
                if due <= 0:
                    continue
                named = groups[d][0].id if len(groups[d]) == 1 and rng.random() < 0.4 else None
                out.append(_ReceiptPlan(d, c, due, named, self.method(c, due)))
            if c.stop_paying is not None:
                # one part payment after the customer stopped paying: about a quarter, in round thousands
                unpaid = sum((o.total for o in orders_by_cust.get(c.idx, []) if o.date >= c.stop_paying), Decimal(0))
                part = int(unpaid) // 4 // 1000 * 1000
                d = c.stop_paying + timedelta(days=rng.randint(50, 80))
                if part > 0 and d <= today:
                    out.append(_ReceiptPlan(d, c, Decimal(part), None, "银行转账", "部分还款"))
            if c.profile == "prepay" and c.last_order == today:
                d = today - timedelta(days=rng.randint(1, 20))
                out.append(_ReceiptPlan(d, c, Decimal(rng.randint(2, 6) * 10000), None, "银行转账", "预付货款"))
        out.sort(key=lambda r: (r.date, r.cust.idx, r.order_id or 0, r.amount))
        return out

    def method(self, c: _Cust, amount: Decimal) -> str:
        rng = self.rng
        if amount >= 50000 and rng.random() < 0.35:
            return "承兑汇票"
        if c.term == 0 or amount < 3000:
            return rng.choices(("现金", "微信", "支付宝", "银行转账"), weights=(25, 35, 15, 25))[0]
        return "银行转账"

    def write_receipts(self, planned: list[_ReceiptPlan]) -> None:
        numbers = _numbers("SK", [r.date for r in planned])
        total = len(planned)
        for k, (r, number) in enumerate(zip(planned, numbers, strict=True)):
            add_receipt(
                self.s, number=number, date=r.date, customer_id=r.cust.id, amount=r.amount,
                method_id=self.code_id("payment_method", r.method), order_id=r.order_id, notes=r.notes,
                created_by=CREATED_BY,
            )
            self.doc_dates.append(r.date)
            if k % 500 == 0:
                self.report("生成收款单", k, total)
                self.forget()
        self.n_receipts = total
        self.forget()
        self.report("生成收款单", total, total)

    # -- follow-ups -----------------------------------------------------------------------------

    def write_follow_ups(self) -> None:
        rng, today = self.rng, self.today
        topics = {
            "visit": ("拜访客户，了解近期采购计划", "微信发送最新价格表", "电话沟通新品报价", "协调送货时间",
                      "客户反馈上批货质量良好", "洽谈年度供货协议", "了解客户库存情况，建议补货"),
            "collect": ("电话催收到期货款", "上门对账并催收欠款", "客户承诺月底前付款", "微信发送对账单"),
            "default": ("上门催收逾期货款，客户称资金紧张", "发律师函前最后一次沟通", "电话无人接听，继续跟进"),
            "dormant": ("回访沉睡客户，了解停止采购原因", "客户表示暂无需求，下季度再联系", "客户已转向其他供应商"),
            "prospect": ("初次拜访，介绍公司产品", "发送报价单", "客户索要样品", "邀请客户到公司参观"),
            "growth": ("客户新开分厂，采购量增加", "洽谈提高信用额度", "拜访客户老板，商谈长期合作"),
        }

        def topic(c: _Cust, d: date) -> str:
            """What a follow-up on day d is about, given where the customer stands then."""
            if c.profile == "prospect" or (c.first_order is not None and d < c.first_order):
                return "prospect"
            if c.stop_paying is not None and d > c.stop_paying + timedelta(days=30):
                return "default"
            if c.profile == "dormant" and c.last_order is not None and d > c.last_order + timedelta(days=60):
                return "dormant"
            if c.growth_start is not None and d >= c.growth_start:
                return "growth"
            return "collect" if c.profile == "slow" and rng.random() < 0.5 else "visit"

        rows = []
        for c in self.custs:
            if c.profile not in ("prospect", "defaulter", "grower") and rng.random() >= 0.45:
                continue
            lo = max(c.created, self.start)
            for _ in range(rng.randint(1, 6)):
                d = self.day_between(lo, today)
                sp = c.owner_on(d)
                if sp is None or sp not in self.employed(d):
                    sp = rng.choice(self.employed(d))
                nxt = d + timedelta(days=rng.randint(7, 45)) if rng.random() < 0.7 else None
                rows.append(
                    FollowUp(
                        customer_id=c.id, date=d, salesperson_id=self.sp_ids[sp],
                        method_id=self.code_id("followup_method", rng.choice(FOLLOWUP_METHODS)),
                        contact_id=rng.choice(c.contacts), content=rng.choice(topics[topic(c, d)]), next_date=nxt,
                    )
                )
        self.s.add_all(rows)
        self.s.flush()

    # -- the whole run --------------------------------------------------------------------------

    def run(self) -> DemoSummary:
        self.report("准备基础资料", 0, 1)
        self.setup()
        self.make_products()
        self.plan_customers()
        self.plan_special()
        self.write_customers()
        self.plan_orders()
        self.write_orders()
        returns = self.write_returns(self.plan_returns())
        self.report("生成退货单", self.n_returns, self.n_returns)
        self.write_receipts(self.plan_receipts(returns))
        self.write_follow_ups()
        self.report("完成", 1, 1)
        return DemoSummary(
            salespeople=len(self.sp_ids), customers=len(self.custs), products=len(self.products),
            orders=len(self.orders), order_lines=self.n_lines, returns=self.n_returns,
            receipts=self.n_receipts, first_date=min(self.doc_dates), last_date=max(self.doc_dates),
        )


def generate(
    sessions: sessionmaker[Session],
    *,
    customers: int = 300,
    seed: int = 1,
    today: date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty database with a demo company: the same seed and `today` always give the same data."""
    if not MIN_CUSTOMERS <= customers <= MAX_CUSTOMERS:
        raise ValidationError("startup.demo_size", low=MIN_CUSTOMERS, high=MAX_CUSTOMERS)
    today = today or date.today()
    with sessions.begin() as s:
        has_customers = s.scalar(select(func.count()).select_from(Customer)) or 0
        has_documents = sum(
            s.scalar(select(func.count()).select_from(model)) or 0 for model in (SalesOrder, SalesReturn, Receipt)
        )
        if has_customers or has_documents:
            raise ValidationError("startup.demo_not_empty")
        return _Generator(s, random.Random(seed), customers, today, progress).run()
