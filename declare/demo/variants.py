"""Demo applications of other units built on the complete ones (declare.demo.base / .studio),
with every text about the unit's own occupation: a 铸造工 base never speaks of 车工 or 焊工, a
机床装调维修 studio never of 马头琴. Used by quotas.demo (包头市's submitted bases and studio).
All units, people and numbers are fictitious."""

from . import base, studio


def _plan(occ: str) -> dict:
    rows = base.rows
    return {
        "system": rows(
            (f"对接企业岗位标准，重构{occ}初、中、高级及技师四个层级的模块化课程体系。",
             "完成企业岗位调研报告1份，课程标准4个。", f"课程体系在全部{occ}培训班次中实施。"),
            (f"开发{occ}工作页教材6部。", "完成教材3部并试用。", "完成教材3部，正式出版2部。"),
        ),
        "capacity": rows(
            (f"与4家企业共建{occ}企业新型学徒制培训点。", "签订合作协议4份，学徒制培训120人。",
             "学徒制培训累计240人。"),
            (f"改造{occ}一体化实训工位30个。", "完成设备采购安装并投入使用。",
             "实训设备年使用率达到85%以上。"),
        ),
        "results": rows(
            (f"总结{occ}“校企双师共育”培训模式。", "形成阶段性总结报告1份。",
             "形成培训模式成果报告并在全区推广。"),
        ),
    }


def base_values(unit, occupation_name: str, n: int) -> dict:
    """The complete base application rewritten for `unit` and its one occupation."""
    occ = occupation_name
    values = base.sections(unit.credit_code)
    values.pop("t3_2_1")
    values.pop("t3_2_2")
    values["cover"] = {**values["cover"], "filler": f"{unit.short_name}填报员"}
    values["t1_1"] = {
        **values["t1_1"], "unit_name": unit.name, "nature": unit.get_nature_display(),
        "website": "",
        "features": (f"{unit.name}面向包头市装备制造和冶金产业开展{occ}等职业技能培训，建有{occ}"
                     f"实训中心1个，实训工位{120 + 10 * n}个。\n规范管理：建立培训项目申报、过程督导、"
                     "结业考核、资金使用全流程制度。\n培训能力：年开展职业技能培训"
                     f"{2600 + 200 * n}人次，是{occ}职业技能等级认定机构。\n师资队伍：专兼职教师"
                     f"{60 + 5 * n}人，其中{occ}高级技师{8 + n}人。\n校企合作：与{10 + n}家企业共建"
                     "订单班和企业新型学徒制培训点。")}
    values["t1_2"] = {
        "background": (f"包头市装备制造和冶金产业转型升级，{occ}等高技能人才缺口较大，现有培训"
                       "资源分散、实训设备不足，亟需建设面向区域产业的高技能人才培训基地。"),
        "foundation": (f"{occ}专业：建有{occ}实训中心1个，近三年培养高级工以上{occ}"
                       f"{300 + 40 * n}人，为合作企业输送{occ}技师{20 + n}人。"),
    }
    values["t2_2"] = {
        "overall": (f"通过两年建设，建成设施先进、功能完善的{occ}高技能人才培训基地。建设期内累计培训"
                    f"{occ}{5000 + 200 * n}人次，其中高技能人才{2000 + 100 * n}人次；开发培训课程"
                    "12门、工作页教材6部；培养一体化教师30名。"),
        "stages": (f"第一年：完成{occ}实训设备采购安装和课程体系重构，培训{2400 + 100 * n}人次。\n"
                   f"第二年：全面运行并对外开放共享，培训{2600 + 100 * n}人次，形成可推广的{occ}"
                   "培训模式成果1项。"),
    }
    values["t3_1_1"] = base.team(
        f"{occ}专业负责人（高级技师）",
        f"{occ}高级技师2人、高级讲师1人、合作企业{occ}首席技师1人",
        f"建设期内开展{occ}培训{5000 + 200 * n}人次，其中高级工以上高技能人才{2000 + 100 * n}"
        f"人次，培训合格率不低于95%；开发{occ}模块化课程12门、工作页教材6部。")
    values["t3_1_2"] = _plan(occ)
    values["eligibility"] = {**values["eligibility"], "capacity": 4700 + 300 * n}
    values["summary"] = {"honours": f"{2020 + n}年 自治区级高技能人才培训基地",
                         "performance": f"近三年年均开展{occ}等职业技能培训"
                                        f"{2600 + 200 * n}人次，培训合格率95%以上。"}
    return values


def studio_values(unit, *, master_id: str) -> dict:
    """The complete studio application rewritten for a 机床装调维修工 master of `unit`."""
    occ = "机床装调维修工"
    values = studio.sections()
    values["cover"] = {"authority": "包头市人力资源和社会保障局", "filler": f"{unit.short_name}填报员",
                       "filled_on": "2025-07-15"}
    values["unit"] = {**values["unit"], "unit_name": unit.name, "nature": "企业",
                      "address": "内蒙古自治区包头市稀土高新区黄河大街36号", "postcode": "014030",
                      "email": "xtgx@example.cn", "contact": "赵敏", "head": "刘志强"}
    values["master"] = {
        **values["master"], "name": "高振宇", "ethnicity": "汉族", "birth": "1975-09",
        "work_start": "1994-07", "id_number": master_id, "occupation": "6-20-03-01",
        "skill_level": "1", "employer_post": f"{unit.name} 机床装调维修首席技师",
        "honour_years": "2017年全国技术能手", "political": "群众",
        "location": "包头市稀土高新区黄河大街36号实训楼三层",
        "facilities": ("工作室设数控机床装调区、精度检测室和传习教室，配备五轴加工中心1台、激光干涉仪1套、"
                       "球杆仪2套、数控系统实训台10套，满足机床装配、调试、精度恢复和培训需要。"),
        "members": [
            {"name": "韩立东", "occupation": occ, "skill_level": "2", "duty": "机床装配与调试"},
            {"name": "孟凡超", "occupation": occ, "skill_level": "2", "duty": "数控系统维修"},
            {"name": "杜雪梅", "occupation": "电工", "skill_level": "3", "duty": "电气控制与检测"},
        ]}
    values["achievements"] = {"achievements": (
        f"一、从事{occ}工作30年，主持数控机床精度恢复攻关16项。\n"
        "二、2017年获全国技术能手称号，2021年获自治区“北疆工匠”称号。\n"
        "三、获国家实用新型专利3项（“一种数控车床主轴热变形补偿装置”等）。\n"
        "四、近五年带徒35人，其中8人取得技师职业技能等级。")}
    values["opinion"] = {"unit_opinion": (
        "经中心办公会研究，同意推荐高振宇同志申报国家级技能大师工作室建设项目，"
        "中心承诺为工作室提供场所、设备和资金支持，所填内容真实有效。")}
    values["report"] = {
        "necessity": (f"包头市装备制造企业数控机床保有量大，{occ}高技能人才紧缺。建设工作室有利于"
                      "传承机床精度恢复绝技绝活，带动企业设备维修能力提升。"),
        "team": ("领办人高振宇，一级/高级技师，全国技术能手。主要成员3人，涵盖机床装配、"
                 "数控系统维修和电气控制等方向。"),
        "plan": ("建设期一年：带徒15人，其中培养技师4人；开展数控机床精度恢复技术攻关2项；"
                 f"开发{occ}培训课程3门；举办技术交流活动3场。"),
    }
    values["eligibility"] = {**values["eligibility"], "local_speciality": "no"}
    values["summary"] = {"leader_awards": "2017年 全国技术能手；2021年 自治区“北疆工匠”",
                         "leader_performance": "主持数控机床精度恢复攻关16项，带徒35人。"}
    return values
