"""Demo 附件4 of 通辽市科尔沁民族工艺研究所 (马头琴制作), and the partly filled 家政 base draft.

All people, numbers and accounts are fictitious; the 身份证号 carries a valid check character.
"""

from ..validators import id_check_char

OCCUPATION = "6-09-02-04"  # 民族拉弦弹拨乐器制作工 (马头琴)
WORK_TYPE = "马头琴制作"
MASTER_ID = "15052119720315" + "251"
MASTER_ID += id_check_char(MASTER_ID)

COVER = {"authority": "通辽市人力资源和社会保障局", "filler": "萨仁高娃", "filled_on": "2025-07-12"}

UNIT = {
    "unit_name": "通辽市科尔沁民族工艺研究所", "nature": "事业单位", "head": "包文斌",
    "head_phone": "0475-8234567", "contact": "萨仁高娃", "contact_phone": "0475-8234570",
    "contact_mobile": "15047561234", "email": "kqmzgy@example.cn", "fax": "0475-8234571",
    "address": "内蒙古自治区通辽市科尔沁区民主路56号", "postcode": "028000",
    "bank_account": "中国农业银行通辽科尔沁支行 0520 0101 0400 1234 5",
}

MASTER = {
    "name": "宝音德力格尔", "gender": "男", "ethnicity": "蒙古族", "birth": "1972-03",
    "work_start": "1990-07", "political": "中共党员", "id_number": MASTER_ID,
    "employer_post": "通辽市科尔沁民族工艺研究所 马头琴制作室主任", "occupation": OCCUPATION,
    "skill_level": "1",
    "honour_years": "2018年全国技术能手；2022年享受国务院政府特殊津贴",
    "mobile": "13947512345", "location": "通辽市科尔沁区民主路56号研究所二号楼一层",
    "area": "260.50",
    "facilities": (
        "工作室设制作区、声学调试室、展示传习室三部分。配备木工精雕机1台、带锯2台、恒温恒湿木材干燥房1间、"
        "声学频谱测试系统1套、传统制琴手工工具40余套，以及可容纳30人的传习教室，满足马头琴选材、"
        "琴箱制作、蒙皮、雕刻、调音全工序的制作、研修和培训需要。"),
    "members": [
        {"name": "其其格", "occupation": "民族拉弦弹拨乐器制作工", "skill_level": "2",
         "duty": "琴箱制作与工艺传承教学"},
        {"name": "额尔敦巴特尔", "occupation": "民族拉弦弹拨乐器制作工", "skill_level": "2",
         "duty": "琴头雕刻与造型设计"},
        {"name": "王志远", "occupation": "乐器维修工", "skill_level": "3", "duty": "声学调试与质量检测"},
        {"name": "乌云塔娜", "occupation": "工艺美术专业人员", "skill_level": "3",
         "duty": "传习资料整理与课程开发"},
    ],
}

ACHIEVEMENTS = {"achievements": (
    "一、从事马头琴制作35年，系统掌握科尔沁传统马头琴选材、制箱、蒙皮、雕刻、调音全套技艺，"
    "所制马头琴音色圆润、音量饱满，被多家专业乐团选用。\n"
    "二、2018年获全国技术能手称号；2019年获自治区“北疆工匠”称号；2022年起享受国务院政府特殊津贴。\n"
    "三、主持改进马头琴琴箱结构，解决传统蒙皮琴箱受气候影响音色不稳定的问题，"
    "获国家实用新型专利2项（“一种马头琴共鸣箱防潮结构”“马头琴琴头雕刻定位装置”）。\n"
    "四、近五年带徒42人，其中12人取得技师、4人取得高级技师职业技能等级；编写《科尔沁马头琴制作技艺》培训教材1部。"
)}

OPINION = {"unit_opinion": (
    "经研究所所务会研究，同意推荐宝音德力格尔同志申报国家级技能大师工作室建设项目，"
    "我所承诺为工作室提供场所、设备和资金支持，所填内容真实有效。")}

REPORT = {
    "necessity": (
        "马头琴制作技艺是国家级非物质文化遗产，掌握全套传统制作技艺的匠人日益减少。建设工作室有利于系统传承"
        "科尔沁马头琴制作技艺，带动民族乐器产业发展和农牧民就业增收。研究所拥有完整的制作工坊和传习场所，"
        "与当地职业院校建立了联合培养机制。"),
    "team": (
        "领办人宝音德力格尔，一级/高级技师，全国技术能手。主要成员4人，其中技师2人、高级工2人，"
        "涵盖琴箱制作、雕刻、声学调试和课程开发等方向。"),
    "plan": (
        "建设期一年：带徒20人，其中培养技师5人；开展技艺攻关2项；开发培训课程4门；"
        "举办技艺交流和展示活动4场，面向农牧民开展制琴技能培训200人次。"),
}

ELIGIBILITY = {
    "fixed_premises": "yes", "regular_activities": "yes", "management_rules": "yes",
    "innovation": "yes", "local_speciality": "yes",
    "already_national": "no", "in_construction": "no", "in_construction_until": "",
    "staff_education_ratio": "62.00",
}

SUMMARY = {
    "leader_awards": "2018年 全国技术能手；2019年 自治区“北疆工匠”；2022年 享受国务院政府特殊津贴",
    "leader_performance": "从事马头琴制作35年，获国家实用新型专利2项，近五年带徒42人，"
                          "编写培训教材1部。",
}


def sections() -> dict:
    return {"cover": COVER, "unit": UNIT, "master": MASTER, "achievements": ACHIEVEMENTS,
            "opinion": OPINION, "report": REPORT, "eligibility": ELIGIBILITY, "summary": SUMMARY}


# ---------------------------------------------------------------- partly filled draft
HOUSEKEEPING_OCCUPATION = "4-10-01-06"  # 家政服务员

HOUSEKEEPING = {
    "cover": {"city": "呼和浩特市", "authority": "呼和浩特市人力资源和社会保障局",
              "filler": "张慧敏", "filled_on": ""},
    "t1_1": {"unit_name": "呼和浩特市青城家政服务职业培训学校", "nature": "其它",
             "nature_other": "民办职业培训学校", "authority": "呼和浩特市人力资源和社会保障局",
             "address": "内蒙古自治区呼和浩特市赛罕区大学东街99号", "legal_name": "张慧敏",
             "legal_post": "校长", "legal_phone": "0471-3345678",
             "contact_name": "李娜", "contact_post": "教务主任"},
    "t1_2": {"background": (
        "呼和浩特市60岁以上老年人口占比已超过18%，托育、养老、家政等民生领域服务需求快速增长，"
        "持证家政服务人员缺口较大，高技能家政服务人才尤为紧缺。")},
}
