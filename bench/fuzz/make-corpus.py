#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets into corpus/<target>/ (run from anywhere).

The seeds are small realistic inputs: heads of orders files in the layouts the readers detect (comma, tab,
semicolon, whitespace; UTF-8 with and without a BOM, CP932; gzip), the other input files, quoting corner
cases, and date and number fields in every form the parsers accept. The files are committed; this script is
how they were made (deterministic: gzip's timestamp is fixed).
"""
import gzip
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(target, name, data):
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def reader():
    t = "FuzzDelimitedText"
    write(t, "orders-head.csv",
          "customer_id,order_date,amount,order_id,channel,category,status\n"
          "C0001,2024-01-08,1200.50,O-1001,web,books,\n"
          "C0002,2024-01-08,980,O-1002,store,food,completed\n"
          "C0001,2024-01-09 10:15:00,-300,C1003,web,books,returned\n"
          ",2024-01-10,55.5,O-1004,web,toys,\n"
          "C0003,2024-01-11T08:00:00Z,1e3,O-1005,phone,,cancelled\n")
    write(t, "online-retail.csv",
          "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country\n"
          "489434,85048,\"15CM CHRISTMAS GLASS BALL 20 LIGHTS\",12,2009-12-01 07:45:00,6.95,13085,United Kingdom\n"
          "489434,79323P,PINK CHERRY LIGHTS,12,2009-12-01 07:45:00,6.75,13085,United Kingdom\n"
          "C489449,22087,PAPER BUNTING WHITE LACE,-12,2009-12-01 10:33:00,2.95,16321,Australia\n"
          "489436,21755,\"LOVE BUILDING BLOCK WORD, RED\",18,2009-12-01 09:06:00,5.45,,United Kingdom\n")
    japanese = ("顧客ID,注文日,金額,注文番号,販売チャネル,カテゴリ,ステータス\r\n"
                "1001,2024年1月8日,\"¥3,000\",A-1,店舗,食品,\r\n"
                "1002,2024年01月08日 12:30,3,000円,A-2,通販,衣料,\r\n"
                "1001,２０２４年１月９日,￥１２，５００,A-3,通販,食品,返品\r\n"
                "1003,2024/1/10,−500,A-4,店舗,雑貨,\r\n")
    write(t, "orders-japanese-utf8.csv", japanese)
    write(t, "orders-japanese-cp932.csv", japanese.replace("¥", "\\").replace("−", "-").encode("cp932"))
    write(t, "orders-bom-quoted-crlf.csv",
          "\ufeffcustomer_id,order_date,amount,category\r\n"
          "\"C 1\",\"2024-02-29\",\"12.50\",\"7\"\" frame, oak\"\r\n"
          "C2,2024-03-01,8,7\" frame\r\n"
          "\r\n"
          "\"C3\",2024-03-02,\"1,250\",\"two\r\nlines\"\r\n")
    write(t, "orders-tab.tsv",
          "customer_id\torder_date\tquantity\tunit_price\n"
          "c1\t20240108\t3\t2.55\n"
          "c2\t20240109\t1\t\"10\"\n")
    write(t, "orders-semicolon.csv",
          "customer;date;total\n"
          "k1;2024/01/08;12.5\n"
          "k2;2024/01/09;\"7;5\"\n")
    write(t, "orders-whitespace.txt",
          "  customer_id   order_date  amount\n"
          "  a1  2024-01-08   10\n"
          "\ta2\t 2024-01-09\t20  \n")
    write(t, "orders-cr-only.csv", "customer_id,order_date,amount\r1,2024-01-01,10\r2,2024-01-02,20\r")
    write(t, "orders-unclosed-quote.csv", "customer_id,order_date,amount\n1,2024-01-01,\"10\n2,2024-01-02,20\n")
    write(t, "orders.csv.gz", gzip.compress(
        b"customer_id,order_date,amount\n1,2024-01-01,10\n2,2024-01-02,20.5\n1,2024-01-03,-5\n", mtime=0))
    write(t, "customers.csv",
          "customer_id,name,phone,email,signup_date,do_not_call,last_contacted\n"
          "C0001,山田 太郎,090-1234-5678,taro@example.com,2023-04-01,no,2024-01-05\n"
          "C0002,\"Smith, Ann\",+81 (0)90 1111 2222,,2023/05/02,yes,\n")
    write(t, "events.csv",
          "customer_id,timestamp,type,channel,value\n"
          "C0001,2024-01-08 09:00:00,visit,web,\n"
          "C0002,2024-01-08T10:00:00Z,click,email,1.5\n"
          ",2024-01-09,visit,web,\n")
    write(t, "surveys.csv",
          "customer_id,survey_date,nps,csat,ces\n"
          "C0001,2024-01-20,9,4.5,2\n"
          "C0002,2024年1月21日,10,,7\n")
    write(t, "numeric.csv",
          "recency,frequency,monetary,label\n"
          "12,3,1250.5,1\n"
          "400,,NA,0\n"
          "1e2,  7 ,-3.25,null\n")


def dates():
    t = "FuzzDates"
    seeds = {
        "iso": "2024-01-08",
        "iso-time": "2011-12-09T08:26:59.123Z",
        "iso-short": " 2024-1-9 ",
        "slash-time": "2024/02/29 23:59:59",
        "compact": "20240108",
        "japanese": "2024年1月8日",
        "japanese-padded-time": "2024年01月08日 12:30",
        "japanese-fullwidth": "２０２４年１月８日\u3000１２：３０：００",
        "invalid-leap": "2023-02-29",
        "option": "yyyy年MM月dd日 HH:mm:ss",
    }
    for name, text in seeds.items():
        write(t, name, text)
    write(t, "japanese-cp932", "2024年1月8日".encode("cp932"))
    write(t, "japanese-fullwidth-cp932", "２０２４年１２月３１日".encode("cp932"))


def numbers():
    t = "FuzzNumbers"
    seeds = {
        "plain": "12.50",
        "negative": "-0.001",
        "exponent": "1e3",
        "long": "123456789012345678.25",
        "max": "1.7976931348623157e308",
        "yen-sign": "¥3,000",
        "yen-fullwidth": "￥１２，５００",
        "yen-word": "3,000円",
        "yen-word-space": "1,234,567.89 円",
        "minus-sign": "−500",
        "minus-yen": "-¥ 500",
        "yen-minus": "¥-500",
        "backslash-yen": "\\3,000",
        "blanks": "  42\t",
        "missing": "NaN",
    }
    for name, text in seeds.items():
        write(t, name, text)
    write(t, "fullwidth-cp932", "３，０００円".encode("cp932"))


def config():
    t = "FuzzConfig"
    write(t, "init-template.toml",
          "# loyalty.toml\n[data]\norders = \"orders.csv\"\ncustomers = \"customers.csv\"\nmodels = \"models\"\n"
          "as-of = 2024-12-31\n\n[train]\nhorizon = \"90d\"\ngbdt-trees = 200\nquiet = true\n\n"
          "[calllist]\ncapacity = 200\nmix = \"retention=0.6,upgrade=0.4\"\nlang = \"ja\"\n\n[ml.fit]\nseed = 3\n")
    write(t, "windows-line-ends.toml", "[data]\r\norders = \"o.csv\"\r\n\r\n[train]\r\nhorizon = \"90d\"\r\n")
    write(t, "arrays-and-inline.toml",
          "exclude = [\"a.csv\", \"b.csv\"]\npoint = { x = 1, y = [1, 2, [3]] }\n[[list]]\nname = 1\n[[list]]\nname = 2\n")
    write(t, "multiline-strings.toml",
          "[x]\ns = QQQ\n[not a header]\nQQQ\nt = DDD\nfake = 1\nDDD\nlast = 4\n".replace("QQQ", "'" * 3).replace("DDD", '"' * 3))
    write(t, "quoted-and-dotted.toml", "[\"ml\" . 'fit']\n\"seed\" = 1\na.b.c = 2\n[data]\nas-of = 1979-05-27T07:32:00Z\n")
    write(t, "numbers.toml", "a = +1_000\nb = 0x1F\nc = 0o17\nd = 0b101\ne = 6.02e23\nf = inf\ng = -nan\nh = 07:32:00\n")
    write(t, "bad-header.toml", "a = 1\n[[[\n")
    write(t, "syntax-error.toml", "[train]\nhorizon = \n")
    write(t, "unicode.toml", "[\"顧客\"]\n名前 = \"吉田\"\n\"é\" = \"\\u00e9\"\n")


if __name__ == "__main__":
    reader()
    dates()
    numbers()
    config()
