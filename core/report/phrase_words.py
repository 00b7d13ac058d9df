"""The words that are never a phrase by themselves (core/report/phrases.py): function words
in Chinese and English. Negations and degree words (不, 没, 太, 很) are not here: "不满意" and
"太慢" are what customers mean, so they join a pair even though they are no phrase alone."""

CHINESE_STOPWORDS = frozenset(
    """
    的 了 着 过 是 在 和 与 及 或 而 但 但是 可是 就 都 也 还 又 再 才 只 却 吗 呢 吧 啊 呀 哦 嗯 啦 么
    我 你 他 她 它 我们 你们 他们 她们 它们 您 咱们 自己 大家 这 那 这个 那个 这些 那些 这样 那样 这里 那里
    一个 一下 一些 一点 一直 一样 有 有点 没有 什么 怎么 怎么样 为什么 因为 所以 如果 虽然 然后 而且 已经
    可以 能 会 要 想 让 把 被 给 对 从 向 到 跟 比 用 说 问 请 谢谢 您好 你好 麻烦 现在 今天 昨天 明天
    时候 之后 之前 以后 以前 还是 就是 或者 其实 非常 比较 特别 真的 一次 上次 这次 目前 需要
    客户 顾客 来电 致电 来信 再次 又一次 询问 在线 反映 表示 称 特意 告知 联系 补充 要求 问题 情况
    """.split()
)
"""The second line is the floor's own filler: an agent writes "客户再次来电询问", which says who
called, not what they said."""

ENGLISH_STOPWORDS = frozenset(
    """
    a an the and or but if then so to of in on at by for with from as is are was were be been being am
    i me my we our you your he him his she her it its they them their this that these those there here
    do does did done have has had not no yes can could will would should may might must shall just very
    too also again still please thanks thank hello hi what when where which who why how all any some
    about after before into out up down over than then once only own same such more most other
    customer customers client caller called calls call asks asked ask asking says said again agent
    """.split()
)

JOINERS = frozenset("的 地 得 了 着 过 和 与 及 或 the a an and or of to".split())
"""Words that only tie others together: a pair through one is no phrase ("电池的")."""

LEADING_ONLY = frozenset("很 太 非常 特别 比较 挺 真 不 没 没有 别 最 更 超".split())
"""Degree words and negations: they begin a pair ("很及时", "不满意", "太慢") and never end
one ("处理很" is half of "处理很及时")."""
