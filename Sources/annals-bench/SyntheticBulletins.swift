import AnnalsKnowledge
import Foundation

/// Bulletins in the style of the sample, generated from templates with
/// varied districts, towns, people and dates, for the ingest benchmark.
struct SyntheticBulletins {
    var generator: SplitMix64
    let districts: [(name: String, towns: [String])]

    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔向汤")
    static let givenCharacters = Array("建国明华军平文志海伟强勇俊杰涛斌超鹏辉刚玲静丽燕红霞敏芳洁晓晨思雨宇航峰林波春秋德成安庆远光荣兴")
    static let offices = ["党史研究室主任", "党史研究室副主任", "委副书记", "委常委、宣传部部长", "委书记"]

    init(knowledge: KnowledgeBase, seed: UInt64) {
        generator = SplitMix64(seed: seed)
        // The districts and counties of Chongqing, with their towns.
        guard let chongqing = knowledge.divisionIndex(code: "500000") else {
            districts = []
            return
        }
        var found: [(String, [String])] = []
        for (index, division) in knowledge.divisions.enumerated() where division.parent == chongqing && division.level == .county {
            let towns = knowledge.divisions.filter { $0.parent == index && $0.name.hasSuffix("镇") }.map(\.name)
            if !towns.isEmpty { found.append((division.commonName, towns)) }
        }
        districts = found
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(generator.next() % UInt64(items.count))] }

    mutating func person() -> String {
        var name = String(pick(Self.surnames))
        for _ in 0..<(generator.next() % 2 == 0 ? 1 : 2) { name.append(pick(Self.givenCharacters)) }
        return name
    }

    mutating func article(year: Int, month: Int) -> String {
        let (district, towns) = pick(districts)
        let town = pick(towns)
        let day = Int(generator.next() % 28) + 1
        let leader = person(), host = person(), guest = person()
        let date = "\(year) 年 \(month) 月 \(day) 日"
        let body: String
        switch generator.next() % 4 {
        case 0:
            body = "\(date)，\(district)委党史研究室主任\(leader)带领有关同志深入\(town)调研党史工作，实地考察\(town)革命烈士纪念碑。\(district)委副书记\(host)陪同调研。\n\(leader)指出，要深入学习党的历史，推动党史工作高质量发展。"
        case 1:
            body = "\(date)，\(district)委书记\(leader)主持召开区委常委会会议，专题听取全区党史工作汇报。\(district)委党史研究室主任\(host)汇报了工作情况。\n会议要求，要坚持“党史姓党”根本原则，做好党史资政育人工作。"
        case 2:
            body = "\(date)，\(district)委宣传部、\(district)委党史研究室联合举办党史专题报告会。\(district)委常委、宣传部部长\(leader)出席并讲话，\(guest)教授作专题报告。\n报告会围绕红色资源保护利用展开。"
        default:
            body = "\(date)，\(district)委党史研究室编写的《\(district)革命史》出版发行。\(district)委副书记\(leader)出席首发式。\n全书记述了1927年至1949年\(district)人民的革命斗争历史。"
        }
        let title: String
        switch body.first {
        default: title = "\(district)开展党史工作\(pick(["调研", "座谈", "宣讲", "交流"]))"
        }
        return "\(title)\n\n\(body)\n（\(district)委党史研究室供稿）\n"
    }

    /// A bulletin of `articles` articles.
    mutating func bulletin(number: Int, articles: Int) -> String {
        let year = 2015 + number % 9
        let month = number % 12 + 1
        var text = "中共重庆市委党史研究室编 \(year) 年 \(month) 月 28 日\n\n【工作动态】\n\n"
        for _ in 0..<articles { text += article(year: year, month: month) + "\n" }
        return text
    }
}
