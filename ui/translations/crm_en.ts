<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../dialogs/about.py" line="110"/>
        <source>关于 客户资源管理</source>
        <translation>About Customer Resource Management</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="111"/>
        <source>客户资源管理</source>
        <translation>Customer Resource Management</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="113"/>
        <source>版本 {0} — 把客户作为公司的资源来管理。</source>
        <translation>Version {0} — keep your customers as a company resource.</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="115"/>
        <source>SQLite（本机文件）</source>
        <translation>SQLite (file on this PC)</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="115"/>
        <source>PostgreSQL（服务器）</source>
        <translation>PostgreSQL (server)</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="118"/>
        <source>数据库类型</source>
        <translation>Database kind</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="119"/>
        <source>数据库位置</source>
        <translation>Database location</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="120"/>
        <source>日志文件</source>
        <translation>Log file</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="120"/>
        <source>（未记录日志）</source>
        <translation>(no log file)</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="121"/>
        <source>运行环境</source>
        <translation>Runtime</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="122"/>
        <source>操作系统</source>
        <translation>Operating system</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="133"/>
        <source>组件</source>
        <translation>Component</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="133"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="133"/>
        <source>许可证</source>
        <translation>Licence</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="136"/>
        <source>文泉驿微米黑 WenQuanYi Micro Hei（字体）</source>
        <translation>WenQuanYi Micro Hei (font)</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="137"/>
        <source>Apache-2.0 或 GPL-3.0-or-later（含字体例外）</source>
        <translation>Apache-2.0 or GPL-3.0-or-later (with font exception)</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="153"/>
        <source>本程序使用上列开源组件，各组件的许可证文本随程序一同提供。</source>
        <translation>This program uses the open-source components listed above; their licence texts are shipped with it.</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="154"/>
        <source>其中 {0} 以 LGPL 授权，可以替换为您自己编译的版本。</source>
        <translation>{0} is licensed under the LGPL: you may replace it with a version you built yourself.</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="155"/>
        <source>字体许可证全文：</source>
        <translation>Full text of the font licence:</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="162"/>
        <source>复制信息</source>
        <translation>Copy information</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="164"/>
        <location filename="../dialogs/about.py" line="187"/>
        <source>字体许可证</source>
        <translation>Font licence</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="166"/>
        <location filename="../dialogs/about.py" line="193"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="172"/>
        <source>随程序提供的组件：</source>
        <translation>Components shipped with the program:</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="205"/>
        <source>已复制</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>ActivityModel</name>
    <message>
        <location filename="../analysis/activity.py" line="32"/>
        <source>活跃 {0:,} / 负责 {1:,}</source>
        <translation>Active {0:,} / owned {1:,}</translation>
    </message>
</context>
<context>
    <name>ActivityPage</name>
    <message>
        <location filename="../analysis/activity.py" line="45"/>
        <source>未活跃客户…</source>
        <translation>Inactive Customers…</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="47"/>
        <source>所选销售员在所选月份（默认最后一个月）负责而未下单的客户</source>
        <translation>Customers the chosen salesperson owned in the chosen month (the last by default) who did not order</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="49"/>
        <source>月份：</source>
        <translation>Months:</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="51"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="54"/>
        <location filename="../analysis/activity.py" line="95"/>
        <source>销售员</source>
        <translation>Salesperson</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="61"/>
        <source>双击一格查看该销售员当月负责的客户</source>
        <translation>Double-click a cell for the customers the salesperson owned that month</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="73"/>
        <source>起始月份不能晚于结束月份</source>
        <translation>The first month cannot be after the last month</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="90"/>
        <source>全公司</source>
        <translation>Whole company</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="113"/>
        <source>双击某个销售员某个月份的活跃率，查看其负责的客户</source>
        <translation>Double-click a salesperson&apos;s activity rate in a month to see the customers owned</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="122"/>
        <source>请先选择一名销售员</source>
        <translation>Choose a salesperson first</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="130"/>
        <source>请先在表中选择一名销售员，再点击图中的月份</source>
        <translation>Choose a salesperson in the table first, then click a month in the chart</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="137"/>
        <source>客户编码</source>
        <translation>Customer code</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="137"/>
        <source>客户名称</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="138"/>
        <source>月末状态</source>
        <translation>Status at month end</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="138"/>
        <source>当月下单</source>
        <translation>Ordered this month</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="139"/>
        <source>当月单数</source>
        <translation>Orders this month</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="139"/>
        <source>最近下单</source>
        <translation>Last order</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="141"/>
        <source>未下单的客户</source>
        <translation>Customers without orders</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="141"/>
        <source>负责的客户</source>
        <translation>Customers owned</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="142"/>
        <source>{0} {1} {2}（活跃 {3} / 负责 {4}）</source>
        <translation>{0} {1} {2} (active {3} / owned {4})</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="152"/>
        <source>客户活跃率</source>
        <translation>Customer Activity Rate</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="155"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="155"/>
        <source>{0} 至 {1}</source>
        <translation>{0} to {1}</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="162"/>
        <source>正在计算活跃率…</source>
        <translation>Calculating activity rates…</translation>
    </message>
    <message>
        <location filename="../analysis/activity.py" line="163"/>
        <source>客户活跃率：{0} 名销售员</source>
        <translation>Activity rate: {0} salespeople</translation>
    </message>
</context>
<context>
    <name>AgingPage</name>
    <message>
        <location filename="../credit/tab.py" line="751"/>
        <source>按客户</source>
        <translation>By customer</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="751"/>
        <source>按销售员</source>
        <translation>By salesperson</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="752"/>
        <source>按地区</source>
        <translation>By region</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="752"/>
        <source>按行业</source>
        <translation>By industry</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="753"/>
        <source>按客户类型</source>
        <translation>By customer type</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="754"/>
        <source>销售员</source>
        <translation>Salesperson</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="754"/>
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="755"/>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="756"/>
        <source>客户类型</source>
        <translation>Customer type</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="771"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="775"/>
        <source>截至：</source>
        <translation>As of:</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="777"/>
        <source>分组：</source>
        <translation>Group:</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="781"/>
        <source>双击账龄段金额查看明细</source>
        <translation>Double-click an aging amount for its documents</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="817"/>
        <source>客户编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="817"/>
        <source>客户名称</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="818"/>
        <source>负责销售员</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="821"/>
        <source>客户数</source>
        <translation>Customers</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="822"/>
        <source>余额</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="824"/>
        <location filename="../credit/tab.py" line="876"/>
        <source>预收款</source>
        <translation>Unapplied</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="859"/>
        <source>「{0}」的客户：{1:,} 个</source>
        <translation>Customers of “{0}”: {1:,}</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="866"/>
        <source>双击某个账龄段或预收款的金额，查看构成它的单据</source>
        <translation>Double-click an aging or unapplied credit amount to see the documents behind it</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="875"/>
        <source>{0} {1}：{2}（截至 {3}）</source>
        <translation>{0} {1}: {2} (as of {3})</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="881"/>
        <source>应收账款账龄分析</source>
        <translation>Receivables Aging</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="886"/>
        <source>截至</source>
        <translation>As of</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="886"/>
        <source>分组</source>
        <translation>Grouped by</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="893"/>
        <source>正在计算账龄…</source>
        <translation>Calculating aging…</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="894"/>
        <source>账龄分析：{0:,} 行，余额合计 {1} 元</source>
        <translation>Aging: {0:,} row(s), total balance ¥{1}</translation>
    </message>
</context>
<context>
    <name>AllocationModel</name>
    <message>
        <location filename="../receipts/entry.py" line="110"/>
        <source>核销金额</source>
        <translation>Allocated</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="122"/>
        <source>销售单 {0}：{1}</source>
        <translation>Sales order {0}: {1}</translation>
    </message>
</context>
<context>
    <name>AnalysisPage</name>
    <message>
        <location filename="../analysis/common.py" line="264"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../analysis/common.py" line="355"/>
        <source>导出图片</source>
        <translation>Export Image</translation>
    </message>
    <message>
        <location filename="../analysis/common.py" line="357"/>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <location filename="../analysis/common.py" line="369"/>
        <source>无法写入文件 {0}：{1}</source>
        <translation>Cannot write the file {0}: {1}</translation>
    </message>
    <message>
        <location filename="../analysis/common.py" line="373"/>
        <source>图片已保存到 {0}</source>
        <translation>Image saved to {0}</translation>
    </message>
</context>
<context>
    <name>AnalysisTab</name>
    <message>
        <location filename="../analysis/tab.py" line="34"/>
        <source>客户活跃率</source>
        <translation>Customer Activity Rate</translation>
    </message>
    <message>
        <location filename="../analysis/tab.py" line="34"/>
        <source>毛利分析</source>
        <translation>Gross Margin</translation>
    </message>
    <message>
        <location filename="../analysis/tab.py" line="34"/>
        <source>客户分级</source>
        <translation>Grades</translation>
    </message>
    <message>
        <location filename="../analysis/tab.py" line="34"/>
        <source>潜在大客户</source>
        <translation>Potential Large Customers</translation>
    </message>
    <message>
        <location filename="../analysis/tab.py" line="35"/>
        <source>沉睡客户</source>
        <translation>Dormant Customers</translation>
    </message>
    <message>
        <location filename="../analysis/tab.py" line="35"/>
        <source>RFM 分析</source>
        <translation>RFM Analysis</translation>
    </message>
    <message>
        <location filename="../analysis/tab.py" line="35"/>
        <source>客户偏好</source>
        <translation>Customer Preferences</translation>
    </message>
    <message>
        <location filename="../analysis/tab.py" line="35"/>
        <source>公司趋势</source>
        <translation>Company Trend</translation>
    </message>
    <message>
        <location filename="../analysis/tab.py" line="39"/>
        <source>分析页面没有可新建的项目</source>
        <translation>There is nothing to create on the analysis pages</translation>
    </message>
</context>
<context>
    <name>Ask</name>
    <message>
        <location filename="../ask.py" line="51"/>
        <location filename="../ask.py" line="81"/>
        <location filename="../ask.py" line="111"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../ask.py" line="52"/>
        <location filename="../ask.py" line="82"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../ask.py" line="74"/>
        <source>程序出现了意外错误，操作没有完成。
请把下面的详细信息告诉管理员。</source>
        <translation>An unexpected error stopped the operation; nothing was completed.
Please give the details below to your administrator.</translation>
    </message>
    <message>
        <location filename="../ask.py" line="102"/>
        <source>详细信息：{0}</source>
        <translation>Details: {0}</translation>
    </message>
</context>
<context>
    <name>AttributesDialog</name>
    <message>
        <location filename="../customers/batch.py" line="180"/>
        <source>设置客户类型、地区、行业、信用等级</source>
        <translation>Set Type, Region, Industry, Credit Grade</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="182"/>
        <source>客户类型</source>
        <translation>customer type</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="183"/>
        <source>地区</source>
        <translation>region</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="184"/>
        <source>行业</source>
        <translation>industry</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="190"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="193"/>
        <source>信用等级</source>
        <translation>credit grade</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="197"/>
        <source>您没有修改信用等级的权限</source>
        <translation>You are not allowed to change credit grades</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="200"/>
        <source>修改{0}</source>
        <translation>Change {0}</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="205"/>
        <source>（清空）</source>
        <translation>(empty: clears the value)</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="205"/>
        <source>不修改</source>
        <translation>No change</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="218"/>
        <source>请至少勾选一项要修改的内容</source>
        <translation>Tick at least one item to change</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="228"/>
        <source>{0}设为「{1}」</source>
        <translation>{0} to “{1}”</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="228"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="229"/>
        <source>将{0}的{1}。</source>
        <translation>For {0}: set {1}.</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="229"/>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>AuditList</name>
    <message>
        <location filename="../settings/audit.py" line="22"/>
        <source>近7天</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <location filename="../settings/audit.py" line="23"/>
        <source>近30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location filename="../settings/audit.py" line="24"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../settings/audit.py" line="25"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../settings/audit.py" line="26"/>
        <source>指定日期</source>
        <translation>Dates</translation>
    </message>
    <message>
        <location filename="../settings/audit.py" line="29"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../settings/audit.py" line="30"/>
        <location filename="../settings/audit.py" line="61"/>
        <source>登录名</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../settings/audit.py" line="31"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../settings/audit.py" line="32"/>
        <source>对象</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../settings/audit.py" line="33"/>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../settings/audit.py" line="51"/>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../settings/audit.py" line="52"/>
        <source>打印预览</source>
        <translation>Print Preview</translation>
    </message>
    <message>
        <location filename="../settings/audit.py" line="53"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../settings/audit.py" line="62"/>
        <source>登录名或其开头；命令行的操作记作 cli:系统用户名</source>
        <translation>A login or its beginning; command-line actions are recorded as cli:OS user name</translation>
    </message>
    <message>
        <location filename="../settings/audit.py" line="65"/>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <location filename="../settings/audit.py" line="70"/>
        <source>客户（编码 / 名称 / 拼音）或单据号</source>
        <translation>Customer (code / name / pinyin) or document number</translation>
    </message>
    <message>
        <location filename="../settings/audit.py" line="75"/>
        <source>期间：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../settings/audit.py" line="89"/>
        <source>共 {0:,} 条操作记录</source>
        <translation>{0:,} audit records</translation>
    </message>
    <message>
        <location filename="../settings/audit.py" line="92"/>
        <source>操作日志</source>
        <translation>Audit log</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../settings/audit.py" line="110"/>
        <source>操作日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../settings/audit.py" line="112"/>
        <source>登录、信用额度、黑名单、审批、负责销售员、归档、导入、备份和还原等每一项操作都记录在这里，记录只能查看，不能修改或删除。</source>
        <translation>Every login, credit limit, blacklist, approval, owner change, archive, import, backup and restore is recorded here. Records can be read, never changed or deleted.</translation>
    </message>
    <message>
        <location filename="../settings/audit.py" line="119"/>
        <source>只有管理员和经理可以查看操作日志。</source>
        <translation>Only administrators and managers can read the audit log.</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../dialogs/backup.py" line="103"/>
        <source>备份数据库</source>
        <translation>Back up the database</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="104"/>
        <source>开始备份(&amp;S)</source>
        <translation>&amp;Start backup</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="108"/>
        <source>数据库：</source>
        <translation>Database:</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="109"/>
        <source>备份文件：</source>
        <translation>Backup file:</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="112"/>
        <source>备份时其他人可以继续工作。备份文件包含全部数据（客户、单据、账户和操作日志），请妥善保管，并定期复制到另一块磁盘或 U 盘。</source>
        <translation>Others can keep working during the backup. The backup file holds all data (customers, documents, logins and the audit log): keep it safe, and copy it regularly to another disk or a USB drive.</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="122"/>
        <source>备份到</source>
        <translation>Back up to</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="122"/>
        <source>备份文件 (*.zip);;所有文件 (*)</source>
        <translation>Backup files (*.zip);;All files (*)</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="133"/>
        <source>文件「{0}」已存在，要覆盖它吗？</source>
        <translation>The file &quot;{0}&quot; exists. Overwrite it?</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="134"/>
        <source>覆盖</source>
        <translation>Overwrite</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="138"/>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="147"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="149"/>
        <source>已备份：{0}（{1:,} 行，{2}，用时 {3:.1f} 秒）</source>
        <translation>Backed up: {0} ({1:,} rows, {2}, {3:.1f} s)</translation>
    </message>
</context>
<context>
    <name>BackupPage</name>
    <message>
        <location filename="../settings/backup.py" line="35"/>
        <source>启用自动备份（关闭程序时和启动时，到期就备份）</source>
        <translation>Automatic backups (when the program closes or starts, whenever one is due)</translation>
    </message>
    <message>
        <location filename="../settings/backup.py" line="38"/>
        <source>浏览(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location filename="../settings/backup.py" line="42"/>
        <source> 个</source>
        <translation> files</translation>
    </message>
    <message>
        <location filename="../settings/backup.py" line="45"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../settings/backup.py" line="46"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../settings/backup.py" line="48"/>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../settings/backup.py" line="60"/>
        <source>备份文件夹：</source>
        <translation>Backup folder:</translation>
    </message>
    <message>
        <location filename="../settings/backup.py" line="61"/>
        <source>留空表示数据旁边的 backups 文件夹。建议选另一块磁盘、U 盘或网络上的文件夹：和数据在同一块磁盘上的备份，磁盘坏了就一起没了。</source>
        <translation>Empty: the backups folder beside the data. Better choose another disk, a USB drive or a network folder: a backup on the same disk as the data is lost with it.</translation>
    </message>
    <message>
        <location filename="../settings/backup.py" line="63"/>
        <source>保留最近：</source>
        <translation>Keep the last:</translation>
    </message>
    <message>
        <location filename="../settings/backup.py" line="63"/>
        <location filename="../settings/backup.py" line="72"/>
        <source>自动备份</source>
        <translation>Automatic backups</translation>
    </message>
    <message>
        <location filename="../settings/backup.py" line="64"/>
        <source>每隔：</source>
        <translation>Every:</translation>
    </message>
    <message>
        <location filename="../settings/backup.py" line="64"/>
        <source>备份一次</source>
        <translation>one backup</translation>
    </message>
    <message>
        <location filename="../settings/backup.py" line="65"/>
        <source>超过保留个数时，自动删除较旧的自动备份（每个月最新的一个会一直保留）；手动备份（文件 → 备份…）不会被删除。</source>
        <translation>Beyond that number the older automatic backups are deleted (the newest of each month is always kept); backups made by hand (File → Back up…) are never deleted.</translation>
    </message>
    <message>
        <location filename="../settings/backup.py" line="74"/>
        <source>只有管理员可以修改自动备份设置。</source>
        <translation>Only an administrator can change the automatic backup settings.</translation>
    </message>
    <message>
        <location filename="../settings/backup.py" line="107"/>
        <source>文件夹中还没有自动备份。</source>
        <translation>The folder has no automatic backup yet.</translation>
    </message>
    <message>
        <location filename="../settings/backup.py" line="111"/>
        <source>文件夹中有 {0} 个自动备份，最新的是 {1}（{2}）。</source>
        <translation>The folder holds {0} automatic backups; the newest is {1} ({2}).</translation>
    </message>
    <message>
        <location filename="../settings/backup.py" line="120"/>
        <source>选择备份文件夹</source>
        <translation>Choose the backup folder</translation>
    </message>
    <message>
        <location filename="../settings/backup.py" line="131"/>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../settings/backup.py" line="140"/>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../settings/backup.py" line="149"/>
        <source>已备份：{0}</source>
        <translation>Backed up: {0}</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <location filename="../customers/batch.py" line="54"/>
        <source>已选择 &lt;b&gt;{0:,}&lt;/b&gt; 个客户</source>
        <translation>Customers selected: &lt;b&gt;{0:,}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="59"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="60"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="90"/>
        <source>选中的 {0:,} 个客户</source>
        <translation>{0:,} selected customer(s)</translation>
    </message>
</context>
<context>
    <name>BlacklistDialog</name>
    <message>
        <location filename="../customers/batch.py" line="275"/>
        <location filename="../customers/batch.py" line="291"/>
        <source>加入黑名单</source>
        <translation>Add to Blacklist</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="275"/>
        <location filename="../customers/batch.py" line="291"/>
        <source>移出黑名单</source>
        <translation>Remove from Blacklist</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="279"/>
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="280"/>
        <source>生效日期：</source>
        <translation>Effective date:</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="281"/>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="284"/>
        <source>请填写原因</source>
        <translation>Please enter a reason</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="292"/>
        <source>将{0}{1}，自 {2} 起生效。原因：{3}</source>
        <translation>{1}: {0}, effective {2}. Reason: {3}</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <location filename="../charts.py" line="73"/>
        <source>没有可以画图的数据</source>
        <translation>No data to chart</translation>
    </message>
    <message>
        <location filename="../charts.py" line="87"/>
        <source>复位</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location filename="../charts.py" line="88"/>
        <source>恢复初始的缩放和位置（滚轮缩放，拖动平移）</source>
        <translation>Back to the first zoom and position (wheel to zoom, drag to pan)</translation>
    </message>
    <message>
        <location filename="../charts.py" line="90"/>
        <source>导出图片…</source>
        <translation>Export Image…</translation>
    </message>
</context>
<context>
    <name>CodeDialog</name>
    <message>
        <location filename="../settings/codes.py" line="36"/>
        <source>新增{0}</source>
        <translation>New {0}</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="36"/>
        <source>修改{0}</source>
        <translation>Edit {0}</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="42"/>
        <source>编码：</source>
        <translation>Code:</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="43"/>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
</context>
<context>
    <name>CodeTablePage</name>
    <message>
        <location filename="../settings/codes.py" line="62"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="62"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="63"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="63"/>
        <location filename="../settings/codes.py" line="154"/>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="63"/>
        <location filename="../settings/codes.py" line="79"/>
        <location filename="../settings/codes.py" line="154"/>
        <location filename="../settings/codes.py" line="182"/>
        <source>停用</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="77"/>
        <source>新增(&amp;A)…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="78"/>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="80"/>
        <location filename="../settings/codes.py" line="191"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="81"/>
        <source>上移 ↑</source>
        <translation>Up ↑</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="82"/>
        <source>下移 ↓</source>
        <translation>Down ↓</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="83"/>
        <source>新增一项（Insert）</source>
        <translation>Add an item (Insert)</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="84"/>
        <source>修改选中的项（Enter 或双击）</source>
        <translation>Edit the selected item (Enter or double-click)</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="85"/>
        <source>删除选中的项（Delete）；已被使用的项只能停用</source>
        <translation>Delete the selected item (Delete); items in use can only be deactivated</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="86"/>
        <source>上移（Ctrl+↑）；也可以直接拖动行</source>
        <translation>Move up (Ctrl+↑); you can also drag rows</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="87"/>
        <source>下移（Ctrl+↓）；也可以直接拖动行</source>
        <translation>Move down (Ctrl+↓); you can also drag rows</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="106"/>
        <source>编码由您自己定义。拖动行或用「上移」「下移」调整顺序，所有下拉列表都按这个顺序显示。已被客户、商品或单据使用的项不能删除，只能停用：停用后不再出现在新的选择中，已有资料不受影响。</source>
        <translation>You choose the codes yourself. Drag rows or use “Up” and “Down” to set the order; every drop-down list shows the items in this order. Items used by customers, products or documents cannot be deleted, only deactivated: they are then no longer offered for new entries, and existing records are unaffected.</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="110"/>
        <source>您的角色（{0}）只能查看代码表；修改请联系管理员或经理。</source>
        <translation>Your role ({0}) can only view code tables; ask an administrator or manager to change them.</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="143"/>
        <source>{0}：共 {1} 项</source>
        <translation>{0}: {1} items</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="144"/>
        <source>（{0} 项已停用）</source>
        <translation> ({0} inactive)</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="183"/>
        <source>停用「{0}」吗？
停用后它不再出现在新的选择中，已经使用它的客户和单据不受影响，以后可以再启用。</source>
        <translation>Deactivate “{0}”?
It will no longer be offered for new entries. Customers and documents that already use it are unaffected, and you can reactivate it later.</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="191"/>
        <source>删除「{0}」吗？此操作不能撤销。
已被使用的项不能删除，只能停用。</source>
        <translation>Delete “{0}”? This cannot be undone.
Items in use cannot be deleted, only deactivated.</translation>
    </message>
</context>
<context>
    <name>CodeTables</name>
    <message>
        <location filename="../settings/codes.py" line="21"/>
        <source>客户类型</source>
        <translation>Customer types</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="22"/>
        <source>地区</source>
        <translation>Regions</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="23"/>
        <source>行业</source>
        <translation>Industries</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="24"/>
        <source>职位</source>
        <translation>Positions</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="25"/>
        <source>商品类别</source>
        <translation>Product categories</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="26"/>
        <source>收款方式</source>
        <translation>Payment methods</translation>
    </message>
    <message>
        <location filename="../settings/codes.py" line="27"/>
        <source>跟进方式</source>
        <translation>Follow-up methods</translation>
    </message>
</context>
<context>
    <name>CompanyPage</name>
    <message>
        <location filename="../settings/company.py" line="36"/>
        <source>按负责销售员（订单日期当天负责该客户的销售员）</source>
        <translation>By owner (the customer&apos;s owner on the order date)</translation>
    </message>
    <message>
        <location filename="../settings/company.py" line="37"/>
        <source>按经办人（实际开单的销售员）</source>
        <translation>By handler (the salesperson who entered the order)</translation>
    </message>
    <message>
        <location filename="../settings/company.py" line="44"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../settings/company.py" line="46"/>
        <source>退货审批金额界限</source>
        <translation>Return amount needing a manager</translation>
    </message>
    <message>
        <location filename="../settings/company.py" line="48"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../settings/company.py" line="49"/>
        <source>还原</source>
        <translation>Revert</translation>
    </message>
    <message>
        <location filename="../settings/company.py" line="60"/>
        <source>公司名称：</source>
        <translation>Company name:</translation>
    </message>
    <message>
        <location filename="../settings/company.py" line="61"/>
        <source>公司地址：</source>
        <translation>Company address:</translation>
    </message>
    <message>
        <location filename="../settings/company.py" line="62"/>
        <source>业绩归属：</source>
        <translation>Sales credit:</translation>
    </message>
    <message>
        <location filename="../settings/company.py" line="63"/>
        <source>销售额和毛利按这个规则计入销售员；每张按销售员统计的报表都会注明所用规则。</source>
        <translation>Sales and gross profit are credited to salespeople by this rule; every report by salesperson states the rule used.</translation>
    </message>
    <message>
        <location filename="../settings/company.py" line="64"/>
        <source>沉睡客户：</source>
        <translation>Dormant customers:</translation>
    </message>
    <message>
        <location filename="../settings/company.py" line="65"/>
        <source>无原单退货：</source>
        <translation>Returns without an order:</translation>
    </message>
    <message>
        <location filename="../settings/company.py" line="72"/>
        <source>公司设置</source>
        <translation>Company Settings</translation>
    </message>
    <message>
        <location filename="../settings/company.py" line="74"/>
        <source>只有管理员可以修改公司设置。</source>
        <translation>Only administrators can change company settings.</translation>
    </message>
    <message>
        <location filename="../settings/company.py" line="84"/>
        <source>最后一次下单超过</source>
        <translation>Last order more than</translation>
    </message>
    <message>
        <location filename="../settings/company.py" line="86"/>
        <source>的客户算作沉睡客户</source>
        <translation>ago</translation>
    </message>
    <message>
        <location filename="../settings/company.py" line="93"/>
        <source>合计超过</source>
        <translation>a total above</translation>
    </message>
    <message>
        <location filename="../settings/company.py" line="95"/>
        <source>元时须由销售经理或管理员录入</source>
        <translation>yuan must be recorded by a sales manager or an administrator</translation>
    </message>
    <message>
        <location filename="../settings/company.py" line="126"/>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="35"/>
        <source>截至：</source>
        <translation>As of:</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="45"/>
        <source>双击某月的金额查看当月单据</source>
        <translation>Double-click a month&apos;s amount for that month&apos;s documents</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="48"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="48"/>
        <source>本年销售额</source>
        <translation>Sales this year</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="49"/>
        <source>上年同月销售额</source>
        <translation>Sales same month last year</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="50"/>
        <source>同比增长</source>
        <translation>Year-on-year growth</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="52"/>
        <source>本年毛利</source>
        <translation>Gross profit this year</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="53"/>
        <source>上年同月毛利</source>
        <translation>Gross profit same month last year</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="54"/>
        <source>本年毛利率</source>
        <translation>Gross margin this year</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="67"/>
        <source>1–{0}月合计</source>
        <translation>Months 1–{0}</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="90"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="90"/>
        <source>单据</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="91"/>
        <source>单号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="91"/>
        <source>客户编码</source>
        <translation>Customer code</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="92"/>
        <source>客户名称</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="92"/>
        <source>销售收入</source>
        <translation>Revenue</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="94"/>
        <source>销售成本</source>
        <translation>Cost of sales</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="95"/>
        <source>销售单</source>
        <translation>Sales order</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="95"/>
        <source>退货单</source>
        <translation>Sales return</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="102"/>
        <source>共 {0:,} 张单据，销售收入合计 {1:,.2f} 元；双击一行打开客户资料</source>
        <translation>{0:,} document(s), revenue ¥{1:,.2f}; double-click a row to open the customer</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="104"/>
        <source>{0} 的单据</source>
        <translation>Documents of {0}</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="108"/>
        <source>公司销售趋势</source>
        <translation>Company Sales Trend</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="111"/>
        <source>截至</source>
        <translation>As of</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="118"/>
        <source>正在计算公司趋势…</source>
        <translation>Calculating the company trend…</translation>
    </message>
    <message>
        <location filename="../analysis/company.py" line="119"/>
        <source>公司趋势：{0} 年与上年</source>
        <translation>Company trend: {0} and the year before</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../customers/card.py" line="131"/>
        <source>修改联系人</source>
        <translation>Edit Contact</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="131"/>
        <source>添加联系人</source>
        <translation>Add Contact</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="143"/>
        <source>未填</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="150"/>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="150"/>
        <source>职位：</source>
        <translation>Position:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="151"/>
        <source>电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="151"/>
        <source>手机：</source>
        <translation>Mobile:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="152"/>
        <source>邮箱：</source>
        <translation>Email:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="152"/>
        <source>生日：</source>
        <translation>Birthday:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="153"/>
        <source>爱好：</source>
        <translation>Interests:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="156"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="157"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="175"/>
        <source>请填写联系人姓名</source>
        <translation>Please enter the contact&apos;s name</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../dialogs/crash.py" line="67"/>
        <source>程序出错了</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../dialogs/crash.py" line="73"/>
        <source>很抱歉，程序遇到了一个意外错误，刚才的操作可能没有完成。
已经保存的数据不受影响，您可以继续使用。如果问题反复出现，请点「复制详情」，把复制的内容发给管理员或技术支持。</source>
        <translation>Sorry, the program met an unexpected error; what you just did may not have been completed.
Data already saved is not affected and you can keep working. If it happens again, click &quot;Copy details&quot; and send what was copied to your administrator or support.</translation>
    </message>
    <message>
        <location filename="../dialogs/crash.py" line="84"/>
        <source>详细信息已记录在日志文件：
{0}</source>
        <translation>The details are in the log file:
{0}</translation>
    </message>
    <message>
        <location filename="../dialogs/crash.py" line="85"/>
        <source>日志文件无法写入，请用「复制详情」保存详细信息。</source>
        <translation>The log file cannot be written: use &quot;Copy details&quot; to keep the details.</translation>
    </message>
    <message>
        <location filename="../dialogs/crash.py" line="96"/>
        <location filename="../dialogs/crash.py" line="133"/>
        <source>复制详情</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <location filename="../dialogs/crash.py" line="98"/>
        <location filename="../dialogs/crash.py" line="138"/>
        <source>显示详情</source>
        <translation>Show details</translation>
    </message>
    <message>
        <location filename="../dialogs/crash.py" line="100"/>
        <source>打开日志文件夹</source>
        <translation>Open the log folder</translation>
    </message>
    <message>
        <location filename="../dialogs/crash.py" line="103"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../dialogs/crash.py" line="127"/>
        <source>之后又发生了 {0} 次错误，详情里都有。</source>
        <translation>{0} more errors happened since; the details list them all.</translation>
    </message>
    <message>
        <location filename="../dialogs/crash.py" line="132"/>
        <source>已复制</source>
        <translation>Copied</translation>
    </message>
    <message>
        <location filename="../dialogs/crash.py" line="138"/>
        <source>隐藏详情</source>
        <translation>Hide details</translation>
    </message>
</context>
<context>
    <name>CreditDialog</name>
    <message>
        <location filename="../customers/batch.py" line="237"/>
        <source>设置账期和信用额度</source>
        <translation>Set Credit Term and Credit Limit</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="244"/>
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="238"/>
        <source>账期</source>
        <translation>Credit term</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="239"/>
        <source>天数，0 为当天到期</source>
        <translation>Days; 0 means due on the order date</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="240"/>
        <source>信用额度</source>
        <translation>Credit limit</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="241"/>
        <source>例如 50000.00</source>
        <translation>e.g. 50000.00</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="245"/>
        <source>账期（天）：</source>
        <translation>Credit term (days):</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="246"/>
        <source>信用额度（元）：</source>
        <translation>Credit limit (CNY):</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="247"/>
        <source>生效日期：</source>
        <translation>Effective date:</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="248"/>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="258"/>
        <source>请填写原因</source>
        <translation>Please enter a reason</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="266"/>
        <source>将{0}的账期设为 {1} 天、信用额度设为 {2:,.2f} 元，自 {3} 起生效。</source>
        <translation>Set the credit term of {0} to {1} days and the credit limit to ¥{2:,.2f}, effective {3}.</translation>
    </message>
</context>
<context>
    <name>CreditTab</name>
    <message>
        <location filename="../credit/tab.py" line="62"/>
        <source>未到期</source>
        <translation>Not due</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="62"/>
        <source>1-30天</source>
        <translation>1-30 days</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="63"/>
        <source>31-60天</source>
        <translation>31-60 days</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="63"/>
        <source>61-90天</source>
        <translation>61-90 days</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="64"/>
        <source>90天以上</source>
        <translation>Over 90 days</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="64"/>
        <source>销售单</source>
        <translation>Sales order</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="65"/>
        <source>退货单</source>
        <translation>Sales return</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="65"/>
        <source>收款单</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="67"/>
        <source>潜在</source>
        <translation>Prospect</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="67"/>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="68"/>
        <source>暂停</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="68"/>
        <source>终止</source>
        <translation>Terminated</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="69"/>
        <source>公司共享客户</source>
        <translation>Shared pool</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="69"/>
        <source>（未设置）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="70"/>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="510"/>
        <source>禁止销售</source>
        <translation>Blocked</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="510"/>
        <source>需审批</source>
        <translation>Hold</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="511"/>
        <source>可通过</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="1028"/>
        <source>信用总览</source>
        <translation>Credit Overview</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="1028"/>
        <source>待审批</source>
        <translation>Awaiting Approval</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="1028"/>
        <source>账龄分析</source>
        <translation>Aging</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="1028"/>
        <source>对账单</source>
        <translation>Statement of Account</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="1037"/>
        <source>信用页面没有可新建的项目：新建客户请到「客户」页，新建销售单请到「销售」页</source>
        <translation>There is nothing to create on the Credit tab: create customers on the Customers tab and sales orders on the Sales tab</translation>
    </message>
</context>
<context>
    <name>CustomerCardDialog</name>
    <message>
        <location filename="../customers/card.py" line="89"/>
        <location filename="../customers/card.py" line="483"/>
        <location filename="../customers/card.py" line="484"/>
        <source>新建客户</source>
        <translation>New Customer</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="90"/>
        <source>您没有新建客户的权限</source>
        <translation>You are not allowed to create customers</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="95"/>
        <location filename="../customers/card.py" line="634"/>
        <location filename="../customers/card.py" line="708"/>
        <source>客户资料</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="278"/>
        <source>基本资料</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="279"/>
        <location filename="../customers/card.py" line="417"/>
        <location filename="../reminders/panel.py" line="62"/>
        <source>联系人</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="280"/>
        <location filename="../reminders/panel.py" line="58"/>
        <location filename="../reminders/panel.py" line="59"/>
        <source>跟进记录</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="281"/>
        <source>历史</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="282"/>
        <location filename="../reminders/panel.py" line="60"/>
        <location filename="../reminders/panel.py" line="61"/>
        <source>实时数据</source>
        <translation>Live Figures</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="285"/>
        <source>趋势</source>
        <translation>Trend</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="287"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="292"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="295"/>
        <source>打印档案…</source>
        <translation>Print Dossier…</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="296"/>
        <source>客户档案：基本资料、业务往来、资金往来、信用记录</source>
        <translation>Customer dossier: details, business, money and credit history</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="329"/>
        <source>名称的拼音首字母，用于快速查找；可以手工修改</source>
        <translation>Pinyin initials of the name, for quick search; you can edit it</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="331"/>
        <source>恢复自动</source>
        <translation>Auto</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="332"/>
        <source>按客户名称重新生成助记码</source>
        <translation>Regenerate the mnemonic from the customer name</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="344"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="352"/>
        <location filename="../customers/card.py" line="489"/>
        <location filename="../customers/card.py" line="524"/>
        <location filename="../customers/card.py" line="529"/>
        <source>公司共享客户</source>
        <translation>Shared pool</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="360"/>
        <source>客户编码：</source>
        <translation>Customer code:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="361"/>
        <source>客户名称：</source>
        <translation>Customer name:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="362"/>
        <source>简称：</source>
        <translation>Short name:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="363"/>
        <source>助记码：</source>
        <translation>Mnemonic:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="364"/>
        <source>客户类型：</source>
        <translation>Customer type:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="365"/>
        <source>地区：</source>
        <translation>Region:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="366"/>
        <source>行业：</source>
        <translation>Industry:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="367"/>
        <source>信用等级：</source>
        <translation>Credit grade:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="368"/>
        <source>地址：</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="369"/>
        <source>开户银行：</source>
        <translation>Bank:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="370"/>
        <source>银行账号：</source>
        <translation>Bank account:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="371"/>
        <source>税号：</source>
        <translation>Tax ID:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="376"/>
        <source>负责销售员：</source>
        <translation>Owner:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="377"/>
        <source>状态：</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="378"/>
        <source>建档日期：</source>
        <translation>Created:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="384"/>
        <source>备注：</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="395"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="395"/>
        <source>职位</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="395"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="395"/>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="395"/>
        <source>邮箱</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="396"/>
        <source>生日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="396"/>
        <source>爱好</source>
        <translation>Interests</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="398"/>
        <source>添加…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="399"/>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="400"/>
        <location filename="../customers/card.py" line="680"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="417"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="417"/>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="417"/>
        <source>销售员</source>
        <translation>Salesperson</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="418"/>
        <source>下次跟进</source>
        <translation>Next follow-up</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="418"/>
        <location filename="../customers/card.py" line="435"/>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="419"/>
        <source>添加跟进…</source>
        <translation>Add Follow-up…</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="435"/>
        <source>生效日期</source>
        <translation>Effective</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="435"/>
        <source>操作人</source>
        <translation>Changed by</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="435"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="436"/>
        <source>负责销售员</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="436"/>
        <source>客户状态</source>
        <translation>Customer status</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="437"/>
        <source>账期和信用额度</source>
        <translation>Credit term and limit</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="437"/>
        <location filename="../customers/card.py" line="492"/>
        <source>黑名单</source>
        <translation>Blacklist</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="450"/>
        <source>应收余额：</source>
        <translation>Receivables:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="450"/>
        <source>过期账款：</source>
        <translation>Overdue:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="451"/>
        <source>预收款：</source>
        <translation>Unapplied credit:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="451"/>
        <source>信用额度：</source>
        <translation>Credit limit:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="452"/>
        <source>可用额度：</source>
        <translation>Available credit:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="452"/>
        <source>账期：</source>
        <translation>Credit term:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="453"/>
        <source>最近下单：</source>
        <translation>Last order:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="453"/>
        <source>近12个月销售额：</source>
        <translation>Sales, last 12 months:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="487"/>
        <source>客户资料 — {0} {1}</source>
        <translation>Customer — {0} {1}</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="524"/>
        <source>本人</source>
        <translation>Me</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="542"/>
        <source>无权查看</source>
        <translation>Not permitted</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="547"/>
        <source>{0} 天</source>
        <translation>{0} days</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="548"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="555"/>
        <source>截至 {0}</source>
        <translation>As of {0}</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="593"/>
        <location filename="../customers/card.py" line="696"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="604"/>
        <location filename="../customers/card.py" line="702"/>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="609"/>
        <location filename="../customers/card.py" line="614"/>
        <source>保存客户资料</source>
        <translation>Save Customer</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="610"/>
        <source>{0}

要重新加载最新资料吗？您在此窗口的修改将丢失。</source>
        <translation>{0}

Reload the latest data? Your changes in this window will be lost.</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="611"/>
        <source>重新加载</source>
        <translation>Reload</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="611"/>
        <location filename="../customers/card.py" line="709"/>
        <source>返回</source>
        <translation>Go Back</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="621"/>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="673"/>
        <source>保存联系人</source>
        <translation>Save Contact</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="679"/>
        <location filename="../customers/card.py" line="683"/>
        <source>删除联系人</source>
        <translation>Delete Contact</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="679"/>
        <source>确定删除联系人「{0}」吗？</source>
        <translation>Delete the contact “{0}”?</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="693"/>
        <source>添加跟进记录</source>
        <translation>Add Follow-up</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="708"/>
        <source>有未保存的修改，确定放弃吗？</source>
        <translation>You have unsaved changes. Discard them?</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="709"/>
        <source>放弃修改</source>
        <translation>Discard Changes</translation>
    </message>
</context>
<context>
    <name>CustomersTab</name>
    <message>
        <location filename="../customers/tab.py" line="60"/>
        <source>客户编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="61"/>
        <source>客户名称</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="62"/>
        <source>简称</source>
        <translation>Short name</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="63"/>
        <source>助记码</source>
        <translation>Mnemonic</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="64"/>
        <source>客户类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="65"/>
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="66"/>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="67"/>
        <source>负责销售员</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="68"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="69"/>
        <source>信用等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="70"/>
        <location filename="../customers/tab.py" line="415"/>
        <source>黑名单</source>
        <translation>Blacklist</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="71"/>
        <source>账期(天)</source>
        <translation>Term (d)</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="72"/>
        <source>信用额度</source>
        <translation>Credit limit</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="73"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="74"/>
        <source>建档日期</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="75"/>
        <source>潜在</source>
        <translation>Prospect</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="76"/>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="77"/>
        <source>暂停</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="78"/>
        <source>终止</source>
        <translation>Terminated</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="104"/>
        <source>公司共享客户</source>
        <translation>Shared pool</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="117"/>
        <source>编码 / 名称 / 拼音 / 助记码 / 电话</source>
        <translation>Code / name / pinyin / mnemonic / phone</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="122"/>
        <source>客户类型：全部</source>
        <translation>Type: all</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="123"/>
        <source>地区：全部</source>
        <translation>Region: all</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="124"/>
        <source>行业：全部</source>
        <translation>Industry: all</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="126"/>
        <source>负责销售员：全部</source>
        <translation>Owner: all</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="127"/>
        <source>负责销售员（清空表示全部）</source>
        <translation>Owner (empty means all)</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="129"/>
        <source>状态：全部</source>
        <translation>Status: all</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="130"/>
        <source>信用等级：全部</source>
        <translation>Grade: all</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="131"/>
        <source>黑名单：全部</source>
        <translation>Blacklist: all</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="131"/>
        <source>黑名单：是</source>
        <translation>Blacklisted</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="132"/>
        <source>黑名单：否</source>
        <translation>Not blacklisted</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="133"/>
        <source>含已归档</source>
        <translation>Include archived</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="135"/>
        <source>清除筛选</source>
        <translation>Clear Filters</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="139"/>
        <source>查找：</source>
        <translation>Find:</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="154"/>
        <source>（清空表示全部）</source>
        <translation> (empty means all)</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="167"/>
        <source>新建客户</source>
        <translation>New Customer</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="167"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="168"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="168"/>
        <source>回车或双击</source>
        <translation>Enter or double-click</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="170"/>
        <source>分配负责销售员…</source>
        <translation>Assign Owner…</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="171"/>
        <source>销售员交接…</source>
        <translation>Hand Over…</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="172"/>
        <source>把一名销售员名下的全部客户移交给他人或公司共享客户</source>
        <translation>Move all customers of one salesperson to another salesperson or the shared pool</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="173"/>
        <source>设置类型/地区/行业/等级…</source>
        <translation>Set Type/Region/Industry/Grade…</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="175"/>
        <source>设置账期和额度…</source>
        <translation>Set Credit Term and Limit…</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="176"/>
        <source>加入黑名单…</source>
        <translation>Add to Blacklist…</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="178"/>
        <source>移出黑名单…</source>
        <translation>Remove from Blacklist…</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="181"/>
        <source>修改状态…</source>
        <translation>Change Status…</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="182"/>
        <location filename="../customers/tab.py" line="431"/>
        <source>归档</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="184"/>
        <location filename="../customers/tab.py" line="431"/>
        <source>取消归档</source>
        <translation>Unarchive</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="186"/>
        <source>打印客户档案…</source>
        <translation>Print Customer Dossiers…</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="187"/>
        <source>选中客户的档案合成一个 PDF，每个客户一个书签</source>
        <translation>The selected customers&apos; dossiers in one PDF, one bookmark per customer</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="196"/>
        <location filename="../customers/tab.py" line="399"/>
        <source>批量修改</source>
        <translation>Batch Edit</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="232"/>
        <source>共 {0:,} 个客户</source>
        <translation>{0:,} customers</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="235"/>
        <source>客户列表</source>
        <translation>Customers</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="240"/>
        <source>查找</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="275"/>
        <location filename="../customers/tab.py" line="334"/>
        <source>请先在列表中选择客户</source>
        <translation>Select customers in the list first</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="275"/>
        <location filename="../customers/tab.py" line="277"/>
        <source>客户档案</source>
        <translation>Customer Dossier</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="278"/>
        <source>选中了 {0:,} 个客户，档案会很长。继续吗？</source>
        <translation>{0:,} customers are selected; the dossier will be long. Go on?</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="278"/>
        <source>继续</source>
        <translation>Go On</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="280"/>
        <source>{0} 个客户</source>
        <translation>{0} customers</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="344"/>
        <source>确定执行吗？</source>
        <translation>Go ahead?</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="350"/>
        <source>正在处理 {0:,} 个客户…</source>
        <translation>Processing {0:,} customers…</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="371"/>
        <source>{0}：已处理 {1:,} 个客户</source>
        <translation>{0}: {1:,} customer(s) processed</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="386"/>
        <source>分配负责销售员</source>
        <translation>Assign Owner</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="407"/>
        <source>设置账期和信用额度</source>
        <translation>Set Credit Term and Credit Limit</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="423"/>
        <source>修改客户状态</source>
        <translation>Change Customer Status</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="435"/>
        <source>将选中的 {0:,} 个客户归档。归档的客户不再出现在列表和选择框中（勾选「含已归档」可以看到）。</source>
        <translation>Archive the {0:,} selected customer(s). Archived customers no longer appear in lists and pickers (tick “Include archived” to see them).</translation>
    </message>
    <message>
        <location filename="../customers/tab.py" line="436"/>
        <source>将选中的 {0:,} 个客户取消归档。</source>
        <translation>Unarchive the {0:,} selected customer(s).</translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <location filename="../dialogs/database.py" line="33"/>
        <source>数据库设置</source>
        <translation>Database Settings</translation>
    </message>
    <message>
        <location filename="../dialogs/database.py" line="35"/>
        <source>本机文件（单台电脑使用）</source>
        <translation>File on this computer (one computer)</translation>
    </message>
    <message>
        <location filename="../dialogs/database.py" line="36"/>
        <source>PostgreSQL 服务器（多台电脑共用）</source>
        <translation>PostgreSQL server (shared by several computers)</translation>
    </message>
    <message>
        <location filename="../dialogs/database.py" line="41"/>
        <source>更改…</source>
        <translation>Change…</translation>
    </message>
    <message>
        <location filename="../dialogs/database.py" line="44"/>
        <source>测试连接</source>
        <translation>Test Connection</translation>
    </message>
    <message>
        <location filename="../dialogs/database.py" line="51"/>
        <source>文件位置：</source>
        <translation>File:</translation>
    </message>
    <message>
        <location filename="../dialogs/database.py" line="55"/>
        <source>服务器地址：</source>
        <translation>Server URL:</translation>
    </message>
    <message>
        <location filename="../dialogs/database.py" line="59"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../dialogs/database.py" line="60"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../dialogs/database.py" line="63"/>
        <source>更改数据库后需要重新启动程序。</source>
        <translation>After changing the database, restart the program.</translation>
    </message>
    <message>
        <location filename="../dialogs/database.py" line="77"/>
        <source>数据库文件</source>
        <translation>Database File</translation>
    </message>
    <message>
        <location filename="../dialogs/database.py" line="78"/>
        <source>数据库文件 (*.sqlite3)</source>
        <translation>Database files (*.sqlite3)</translation>
    </message>
    <message>
        <location filename="../dialogs/database.py" line="85"/>
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <location filename="../receipts/tab.py" line="118"/>
        <source>客户：全部</source>
        <translation>Customer: all</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="119"/>
        <source>客户（清空表示全部）</source>
        <translation>Customer (empty means all)</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="123"/>
        <source>状态：全部</source>
        <translation>Status: all</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="98"/>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="99"/>
        <location filename="../receipts/tab.py" line="177"/>
        <source>已作废</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="128"/>
        <location filename="../receipts/tab.py" line="209"/>
        <source>单号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="144"/>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="144"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="200"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="202"/>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="207"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="214"/>
        <source>{0} 至 {1}</source>
        <translation>{0} to {1}</translation>
    </message>
</context>
<context>
    <name>DormantPage</name>
    <message>
        <location filename="../analysis/customers.py" line="55"/>
        <source>按设置</source>
        <translation>As set</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="56"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="58"/>
        <source>最后一次下单距截至日超过这么多天的客户（0：按系统设置，默认 90 天）</source>
        <translation>Customers whose last order is more than this many days before the as-of date (0: the setting, 90 days by default)</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="61"/>
        <source>截至：</source>
        <translation>As of:</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="63"/>
        <source>沉睡天数：</source>
        <translation>Dormant after:</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="65"/>
        <source>客户编码</source>
        <translation>Customer code</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="65"/>
        <source>客户名称</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="66"/>
        <source>负责销售员</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="67"/>
        <source>最后下单日期</source>
        <translation>Last order date</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="68"/>
        <source>距今天数</source>
        <translation>Days since</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="73"/>
        <source>双击打开客户资料</source>
        <translation>Double-click to open the customer</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="84"/>
        <source>公司共享客户</source>
        <translation>Shared pool</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="92"/>
        <source>沉睡客户</source>
        <translation>Dormant Customers</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="97"/>
        <source>截至</source>
        <translation>As of</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="98"/>
        <source>沉睡天数</source>
        <translation>Dormant days</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="105"/>
        <source>正在找出沉睡客户…</source>
        <translation>Finding dormant customers…</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="106"/>
        <source>沉睡客户 {0:,} 个</source>
        <translation>{0:,} dormant customer(s)</translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message>
        <location filename="../credit/tab.py" line="683"/>
        <source>未核销金额</source>
        <translation>Unapplied</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="683"/>
        <source>未付金额</source>
        <translation>Unpaid</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="684"/>
        <source>单据</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="684"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="684"/>
        <source>到期日</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="684"/>
        <source>单据金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="685"/>
        <source>核销金额</source>
        <translation>Allocated</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="685"/>
        <source>逾期天数</source>
        <translation>Days overdue</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="704"/>
        <source>共 {0} 张单据，{1}合计 {2} 元</source>
        <translation>{0} document(s); {1}: ¥{2} in total</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="706"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="709"/>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="709"/>
        <source>打印预览</source>
        <translation>Print Preview</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <location filename="../settings/common.py" line="312"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../settings/common.py" line="313"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../settings/common.py" line="351"/>
        <source>操作失败：{0}</source>
        <translation>The operation failed: {0}</translation>
    </message>
</context>
<context>
    <name>Exporting</name>
    <message>
        <location filename="../exporting.py" line="56"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../exporting.py" line="56"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../exporting.py" line="70"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../exporting.py" line="82"/>
        <source>{0}：{1:,} / {2:,} 行</source>
        <translation>{0}: {1:,} / {2:,} rows</translation>
    </message>
    <message>
        <location filename="../exporting.py" line="93"/>
        <source>已取消，没有生成文件。</source>
        <translation>Cancelled: no file was written.</translation>
    </message>
    <message>
        <location filename="../exporting.py" line="105"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../exporting.py" line="114"/>
        <location filename="../exporting.py" line="169"/>
        <source>已导出到 {0}</source>
        <translation>Exported to {0}</translation>
    </message>
    <message>
        <location filename="../exporting.py" line="115"/>
        <location filename="../exporting.py" line="117"/>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../exporting.py" line="144"/>
        <source>打印预览</source>
        <translation>Print Preview</translation>
    </message>
    <message>
        <location filename="../exporting.py" line="154"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../exporting.py" line="159"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <location filename="../exporting.py" line="167"/>
        <location filename="../exporting.py" line="169"/>
        <location filename="../exporting.py" line="171"/>
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <location filename="../exporting.py" line="167"/>
        <source>无法写入文件 {0}：{1}</source>
        <translation>Cannot write the file {0}: {1}</translation>
    </message>
    <message>
        <location filename="../exporting.py" line="181"/>
        <source>销售单 {0}</source>
        <translation>Sales Order {0}</translation>
    </message>
    <message>
        <location filename="../exporting.py" line="190"/>
        <source>收款单 {0}</source>
        <translation>Receipt {0}</translation>
    </message>
    <message>
        <location filename="../exporting.py" line="199"/>
        <source>退货单 {0}</source>
        <translation>Sales Return {0}</translation>
    </message>
    <message>
        <location filename="../exporting.py" line="214"/>
        <source>客户档案 {0}</source>
        <translation>Customer Dossier {0}</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <location filename="../customers/card.py" line="186"/>
        <source>添加跟进记录</source>
        <translation>Add Follow-up</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="194"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="202"/>
        <source>例如：客户同意下月试用样品</source>
        <translation>e.g. the customer agreed to try samples next month</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="203"/>
        <source>交换名片</source>
        <translation>Exchanged business cards</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="204"/>
        <source>赠送样品</source>
        <translation>Gave samples</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="205"/>
        <source>介绍公司</source>
        <translation>Introduced the company</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="214"/>
        <source>不安排</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="219"/>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="220"/>
        <source>跟进方式：</source>
        <translation>Method:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="221"/>
        <source>销售员：</source>
        <translation>Salesperson:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="222"/>
        <source>联系人：</source>
        <translation>Contact:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="223"/>
        <source>内容：</source>
        <translation>Details:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="224"/>
        <source>结果：</source>
        <translation>Result:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="225"/>
        <source>首次三步：</source>
        <translation>First three steps:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="226"/>
        <source>下次跟进：</source>
        <translation>Next follow-up:</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="228"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="229"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../customers/card.py" line="250"/>
        <source>请填写跟进内容</source>
        <translation>Please enter what was discussed</translation>
    </message>
</context>
<context>
    <name>FollowUpsPage</name>
    <message>
        <location filename="../followups/page.py" line="32"/>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="33"/>
        <source>上周</source>
        <translation>Last week</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="34"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="35"/>
        <source>近30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="36"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="37"/>
        <source>指定日期</source>
        <translation>Dates</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="39"/>
        <source>交换名片</source>
        <translation>Exchanged business cards</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="40"/>
        <source>赠送样品</source>
        <translation>Gave samples</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="41"/>
        <source>介绍公司</source>
        <translation>Introduced the company</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="43"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="43"/>
        <source>客户编码</source>
        <translation>Customer code</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="44"/>
        <source>客户名称</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="44"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="45"/>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="45"/>
        <location filename="../followups/page.py" line="198"/>
        <source>销售员</source>
        <translation>Salesperson</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="46"/>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="46"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="47"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="47"/>
        <source>下次跟进</source>
        <translation>Next follow-up</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="89"/>
        <source>首次三步</source>
        <translation>First three steps</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="92"/>
        <source>添加跟进(&amp;A)…</source>
        <translation>&amp;Add Follow-up…</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="93"/>
        <source>为所选记录的客户添加一条跟进记录</source>
        <translation>Add a follow-up for the selected record&apos;s customer</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="94"/>
        <source>打开客户</source>
        <translation>Open Customer</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="94"/>
        <source>打开所选记录的客户资料（双击亦可）</source>
        <translation>Open the selected record&apos;s customer (or double-click)</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="96"/>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="97"/>
        <source>打印预览</source>
        <translation>Print Preview</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="98"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="113"/>
        <source>销售员：全部</source>
        <translation>Salesperson: all</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="114"/>
        <source>只看这个销售员的跟进记录（清空表示全部）</source>
        <translation>Only this salesperson&apos;s follow-ups (empty means all)</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="119"/>
        <source>客户：编码 / 名称 / 拼音 / 电话</source>
        <translation>Customer: code / name / pinyin / phone</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="123"/>
        <source>期间：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="142"/>
        <source>共 {0:,} 条跟进记录</source>
        <translation>{0:,} follow-up(s)</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="168"/>
        <source>添加跟进记录</source>
        <translation>Add Follow-up</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="169"/>
        <source>已添加跟进记录</source>
        <translation>Follow-up added</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="179"/>
        <source>已{0}（{1}）</source>
        <translation>{0} done ({1})</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="180"/>
        <source>未{0}</source>
        <translation>{0} not done</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="182"/>
        <source>潜在客户 {0} {1} 的首次三步：{2}</source>
        <translation>First three steps of the prospect {0} {1}: {2}</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="191"/>
        <source>跟进记录</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="195"/>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="195"/>
        <source>{0} 至 {1}</source>
        <translation>{0} to {1}</translation>
    </message>
    <message>
        <location filename="../followups/page.py" line="200"/>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
</context>
<context>
    <name>FollowUpsWindow</name>
    <message>
        <location filename="../followups/page.py" line="209"/>
        <source>跟进记录</source>
        <translation>Follow-ups</translation>
    </message>
</context>
<context>
    <name>GradesPage</name>
    <message>
        <location filename="../analysis/grades.py" line="52"/>
        <source>全部客户</source>
        <translation>All customers</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="53"/>
        <source>建议与设定不同</source>
        <translation>Suggested differs from set</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="54"/>
        <source>建议为 A</source>
        <translation>Suggested A</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="54"/>
        <source>建议为 B</source>
        <translation>Suggested B</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="55"/>
        <source>建议为 C</source>
        <translation>Suggested C</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="55"/>
        <source>建议为 D</source>
        <translation>Suggested D</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="71"/>
        <source>按建议设定等级…</source>
        <translation>Set Suggested Grades…</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="75"/>
        <source>把所选客户（未选则为列表中建议与设定不同的客户）的信用等级设为建议等级</source>
        <translation>Set the credit grade of the selected customers (none selected: those in the list whose suggested grade differs) to the suggested grade</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="76"/>
        <source>只有经理或管理员可以设定信用等级</source>
        <translation>Only a manager or an administrator can set credit grades</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="78"/>
        <source>截至：</source>
        <translation>As of:</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="80"/>
        <source>显示：</source>
        <translation>Show:</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="83"/>
        <source>客户编码</source>
        <translation>Customer code</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="83"/>
        <source>客户名称</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="84"/>
        <source>近12月净销售额</source>
        <translation>Net sales, last 12 months</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="85"/>
        <source>建议等级</source>
        <translation>Suggested grade</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="85"/>
        <location filename="../analysis/grades.py" line="159"/>
        <source>设定等级</source>
        <translation>Set grade</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="86"/>
        <source>建议理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="97"/>
        <source>红色：建议与设定不同；双击打开客户资料</source>
        <translation>Red: suggested differs from set; double-click to open the customer</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="153"/>
        <source>按建议设定等级</source>
        <translation>Set Suggested Grades</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="155"/>
        <source>所选客户的信用等级已与建议等级一致，无需设定。</source>
        <translation>The selected customers already have their suggested grades; nothing to set.</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="158"/>
        <source>把 {0:,} 个客户的信用等级设为截至 {1} 的建议等级？
每项修改都记入操作日志。</source>
        <translation>Set the credit grade of {0:,} customer(s) to the grade suggested as of {1}?
Every change is recorded in the audit log.</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="162"/>
        <source>已设定 {0:,} 个客户的信用等级</source>
        <translation>Credit grade set for {0:,} customer(s)</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="166"/>
        <source>客户信用等级建议</source>
        <translation>Suggested Credit Grades</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="171"/>
        <source>截至</source>
        <translation>As of</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="171"/>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="178"/>
        <source>正在计算建议等级…</source>
        <translation>Calculating suggested grades…</translation>
    </message>
    <message>
        <location filename="../analysis/grades.py" line="180"/>
        <source>客户分级：{0:,} 个客户，其中 {1:,} 个建议与设定不同</source>
        <translation>Grades: {0:,} customer(s), {1:,} with a suggested grade that differs</translation>
    </message>
</context>
<context>
    <name>HandOverDialog</name>
    <message>
        <location filename="../customers/batch.py" line="125"/>
        <location filename="../customers/batch.py" line="135"/>
        <source>销售员交接</source>
        <translation>Hand Over Customers</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="126"/>
        <source>把一名销售员名下的全部客户（含已归档）移交给另一名销售员或公司共享客户。</source>
        <translation>Move all customers of one salesperson (archived ones included) to another salesperson or the shared pool.</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="129"/>
        <source>交出客户的销售员</source>
        <translation>Salesperson handing over</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="131"/>
        <source>接手的销售员或公司共享客户</source>
        <translation>Salesperson taking over, or the shared pool</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="136"/>
        <source>交出：</source>
        <translation>From:</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="138"/>
        <source>接手：</source>
        <translation>To:</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="139"/>
        <source>生效日期：</source>
        <translation>Effective date:</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="140"/>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="152"/>
        <source>名下共有 {0:,} 个客户</source>
        <translation>Owns {0:,} customer(s)</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="156"/>
        <source>请选择交出客户的销售员</source>
        <translation>Choose the salesperson handing over</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="158"/>
        <source>请选择接手的销售员或公司共享客户</source>
        <translation>Choose the salesperson taking over, or the shared pool</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="160"/>
        <source>交出和接手的不能是同一名销售员</source>
        <translation>The two salespeople must be different</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="162"/>
        <source>该销售员名下没有客户</source>
        <translation>This salesperson has no customers</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="171"/>
        <source>将「{0}」名下的 {1:,} 个客户全部移交给「{2}」，自 {3} 起生效。</source>
        <translation>Move all {1:,} customer(s) of “{0}” to “{2}”, effective {3}.</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <location filename="../settings/language.py" line="27"/>
        <source>界面语言</source>
        <translation>Interface Language</translation>
    </message>
    <message>
        <location filename="../settings/language.py" line="28"/>
        <source>界面语言只影响这台电脑，在重新启动程序后生效。客户资料、单据和报表的内容不会被翻译。</source>
        <translation>The interface language applies to this computer only and takes effect after a restart. Customer data, documents and report contents are not translated.</translation>
    </message>
    <message>
        <location filename="../settings/language.py" line="32"/>
        <source>{0}（翻译文件未安装）</source>
        <translation>{0} (translation not installed)</translation>
    </message>
    <message>
        <location filename="../settings/language.py" line="46"/>
        <source>已保存。请重新启动程序以使用新的界面语言。</source>
        <translation>Saved. Restart the program to use the new interface language.</translation>
    </message>
</context>
<context>
    <name>LinesGrid</name>
    <message>
        <location filename="../sales/lines.py" line="149"/>
        <location filename="../sales/lines.py" line="339"/>
        <source>商品</source>
        <translation>Product</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="149"/>
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="149"/>
        <source>单价</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="149"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="149"/>
        <source>成本价</source>
        <translation>Unit cost</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="150"/>
        <source>毛利</source>
        <translation>Gross profit</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="150"/>
        <source>价格来源</source>
        <translation>Price source</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="174"/>
        <source>添加行 (Insert)</source>
        <translation>Add Line (Insert)</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="175"/>
        <source>删除行 (Ctrl+D)</source>
        <translation>Delete Line (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="176"/>
        <source>历史价格 ({0})</source>
        <translation>Price History ({0})</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="222"/>
        <source>该客户的历史价格（{0}）</source>
        <translation>This customer&apos;s past prices ({0})</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="348"/>
        <source>手工输入</source>
        <translation>Entered by hand</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="354"/>
        <source>历史价格</source>
        <translation>Price History</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="356"/>
        <source>请先选择客户和商品</source>
        <translation>Choose the customer and the product first</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="365"/>
        <source>该客户没有买过这个商品</source>
        <translation>This customer has not bought this product before</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="371"/>
        <source>历史价格（{0} {1}）</source>
        <translation>Past price ({0} {1})</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="391"/>
        <source>价格来源：{0}</source>
        <translation>Price source: {0}</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="402"/>
        <location filename="../sales/lines.py" line="415"/>
        <source>第 {0} 行：{1}</source>
        <translation>Line {0}: {1}</translation>
    </message>
</context>
<context>
    <name>ListTab</name>
    <message>
        <location filename="../list_tab.py" line="74"/>
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../list_tab.py" line="75"/>
        <source>重新读取列表（F5）</source>
        <translation>Read the list again (F5)</translation>
    </message>
    <message>
        <location filename="../list_tab.py" line="182"/>
        <source>读取列表失败：{0}</source>
        <translation>Could not read the list: {0}</translation>
    </message>
    <message>
        <location filename="../list_tab.py" line="242"/>
        <source>「{0}」列不能排序</source>
        <translation>The “{0}” column cannot be sorted</translation>
    </message>
    <message>
        <location filename="../list_tab.py" line="309"/>
        <source>您没有此权限</source>
        <translation>You do not have this permission</translation>
    </message>
    <message>
        <location filename="../list_tab.py" line="315"/>
        <source>列表</source>
        <translation>List</translation>
    </message>
    <message>
        <location filename="../list_tab.py" line="357"/>
        <source>正在查询…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../list_tab.py" line="360"/>
        <source>，已选 {0:,} 个</source>
        <translation>, {0:,} selected</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../dialogs/login.py" line="79"/>
        <source>登录 — 客户资源管理</source>
        <translation>Log In — Customer Resource Management</translation>
    </message>
    <message>
        <location filename="../dialogs/login.py" line="87"/>
        <source>登录名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../dialogs/login.py" line="88"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../dialogs/login.py" line="90"/>
        <source>登录</source>
        <translation>Log In</translation>
    </message>
    <message>
        <location filename="../dialogs/login.py" line="91"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../dialogs/login.py" line="94"/>
        <source>客户资源管理</source>
        <translation>Customer Resource Management</translation>
    </message>
    <message>
        <location filename="../dialogs/login.py" line="118"/>
        <source>请输入登录名</source>
        <translation>Please enter your user name</translation>
    </message>
    <message>
        <location filename="../dialogs/login.py" line="121"/>
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="41"/>
        <source>客户资源管理</source>
        <translation>Customer Resource Management</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="72"/>
        <source>客户</source>
        <translation>Customers</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="73"/>
        <source>销售</source>
        <translation>Sales</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="74"/>
        <source>收款</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="75"/>
        <source>信用</source>
        <translation>Credit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="76"/>
        <source>分析</source>
        <translation>Analysis</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="77"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="88"/>
        <source>当前页面没有此功能</source>
        <translation>This page does not offer this function</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="94"/>
        <source>查找(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="95"/>
        <source>新建(&amp;N)</source>
        <translation>&amp;New</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="96"/>
        <source>导出 Excel(&amp;E)</source>
        <translation>&amp;Export to Excel</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="97"/>
        <source>打印预览(&amp;V)</source>
        <translation>Print Pre&amp;view</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="98"/>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="99"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="102"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="103"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="104"/>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="115"/>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="120"/>
        <source>备份(&amp;B)…</source>
        <translation>&amp;Back up…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="122"/>
        <source>还原(&amp;R)…</source>
        <translation>&amp;Restore…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="128"/>
        <source>数据库设置…</source>
        <translation>Database Settings…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="131"/>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="135"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="136"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="150"/>
        <source>用户：{0}（{1}）</source>
        <translation>User: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="151"/>
        <source>数据库：{0}</source>
        <translation>Database: {0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="156"/>
        <source>报表和信用数据截至此日期（时间切片）</source>
        <translation>Reports and credit figures are as of this date (time slice)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="162"/>
        <source>截至：</source>
        <translation>As of:</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="193"/>
        <source>数据库设置</source>
        <translation>Database Settings</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="193"/>
        <source>设置已保存，重新启动程序后生效。</source>
        <translation>Settings saved. They take effect when you restart the program.</translation>
    </message>
</context>
<context>
    <name>MarginPage</name>
    <message>
        <location filename="../analysis/margin.py" line="31"/>
        <source>按客户</source>
        <translation>By customer</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="31"/>
        <source>按销售员</source>
        <translation>By salesperson</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="32"/>
        <source>按地区</source>
        <translation>By region</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="32"/>
        <source>按行业</source>
        <translation>By industry</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="33"/>
        <source>按客户类型</source>
        <translation>By customer type</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="33"/>
        <source>按信用等级</source>
        <translation>By credit grade</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="34"/>
        <source>按商品类别</source>
        <translation>By product category</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="34"/>
        <source>按月份</source>
        <translation>By month</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="36"/>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="36"/>
        <source>销售员</source>
        <translation>Salesperson</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="37"/>
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="37"/>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="38"/>
        <source>客户类型</source>
        <translation>Customer type</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="38"/>
        <source>信用等级</source>
        <translation>Credit grade</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="39"/>
        <source>商品类别</source>
        <translation>Product category</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="39"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="54"/>
        <source>期间：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="56"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="58"/>
        <source>分组：</source>
        <translation>Group by:</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="68"/>
        <source>双击一行查看构成它的单据</source>
        <translation>Double-click a row for the documents behind it</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="71"/>
        <source>排名</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="73"/>
        <location filename="../analysis/margin.py" line="148"/>
        <source>销售收入</source>
        <translation>Revenue</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="75"/>
        <location filename="../analysis/margin.py" line="150"/>
        <source>销售成本</source>
        <translation>Cost of sales</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="75"/>
        <location filename="../analysis/margin.py" line="150"/>
        <source>毛利</source>
        <translation>Gross profit</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="76"/>
        <source>毛利率</source>
        <translation>Gross margin</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="85"/>
        <source>开始日期不能晚于结束日期</source>
        <translation>The start date cannot be after the end date</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="119"/>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="130"/>
        <source>公司共享客户 / 无经办人</source>
        <translation>Shared pool / no handler</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="131"/>
        <source>（未设置）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="146"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="146"/>
        <source>单据</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="147"/>
        <source>单号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="147"/>
        <source>客户编码</source>
        <translation>Customer code</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="148"/>
        <source>客户名称</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="151"/>
        <source>{0}：{1}（{2} 至 {3}）的单据</source>
        <translation>{0}: documents of {1} ({2} to {3})</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="153"/>
        <source>销售单</source>
        <translation>Sales order</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="153"/>
        <source>退货单</source>
        <translation>Sales return</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="161"/>
        <source>共 {0:,} 张单据，销售收入合计 {1:,.2f} 元；双击一行打开客户资料</source>
        <translation>{0:,} document(s), revenue ¥{1:,.2f}; double-click a row to open the customer</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="167"/>
        <source>毛利分析</source>
        <translation>Gross Margin</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="173"/>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="173"/>
        <source>{0} 至 {1}</source>
        <translation>{0} to {1}</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="173"/>
        <source>分组</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="180"/>
        <source>正在计算毛利…</source>
        <translation>Calculating gross margin…</translation>
    </message>
    <message>
        <location filename="../analysis/margin.py" line="181"/>
        <source>毛利分析：{0:,} 组</source>
        <translation>Gross margin: {0:,} group(s)</translation>
    </message>
</context>
<context>
    <name>NumberEdit</name>
    <message>
        <location filename="../widgets/numbers.py" line="47"/>
        <source>金额</source>
        <translation>The amount</translation>
    </message>
    <message>
        <location filename="../widgets/numbers.py" line="52"/>
        <source>数量</source>
        <translation>The quantity</translation>
    </message>
    <message>
        <location filename="../widgets/numbers.py" line="57"/>
        <source>天数</source>
        <translation>The number of days</translation>
    </message>
    <message>
        <location filename="../widgets/numbers.py" line="71"/>
        <source>{0}「{1}」不是有效的数量</source>
        <translation>{0} “{1}” is not a valid quantity</translation>
    </message>
    <message>
        <location filename="../widgets/numbers.py" line="73"/>
        <source>{0}「{1}」不是有效的天数</source>
        <translation>{0} “{1}” is not a valid number of days</translation>
    </message>
    <message>
        <location filename="../widgets/numbers.py" line="75"/>
        <source>{0}「{1}」不是有效的金额</source>
        <translation>{0} “{1}” is not a valid amount</translation>
    </message>
    <message>
        <location filename="../widgets/numbers.py" line="81"/>
        <source>{0}必须是整数</source>
        <translation>{0} must be a whole number</translation>
    </message>
    <message>
        <location filename="../widgets/numbers.py" line="83"/>
        <source>{0}最多两位小数</source>
        <translation>{0} has at most two decimal places</translation>
    </message>
    <message>
        <location filename="../widgets/numbers.py" line="85"/>
        <source>{0}最多三位小数</source>
        <translation>{0} has at most three decimal places</translation>
    </message>
    <message>
        <location filename="../widgets/numbers.py" line="87"/>
        <source>{0}最多 {1} 位小数</source>
        <translation>{0} has at most {1} decimal places</translation>
    </message>
    <message>
        <location filename="../widgets/numbers.py" line="110"/>
        <source>{0}不能为负数</source>
        <translation>{0} cannot be negative</translation>
    </message>
    <message>
        <location filename="../widgets/numbers.py" line="114"/>
        <source>{0}不能用科学计数法（如 1e15），请直接写出数字</source>
        <translation>{0} cannot be in scientific notation (like 1e15): write the number out</translation>
    </message>
    <message>
        <location filename="../widgets/numbers.py" line="119"/>
        <source>{0}「{1}」的千位分隔符位置不对</source>
        <translation>{0} “{1}” has its thousands separators in the wrong places</translation>
    </message>
    <message>
        <location filename="../widgets/numbers.py" line="127"/>
        <source>{0}不能超过 {1} 天</source>
        <translation>{0} cannot exceed {1} days</translation>
    </message>
    <message>
        <location filename="../widgets/numbers.py" line="128"/>
        <source>{0}不能超过 {1}</source>
        <translation>{0} cannot exceed {1}</translation>
    </message>
    <message>
        <location filename="../widgets/numbers.py" line="134"/>
        <source>{0}必须大于 0</source>
        <translation>{0} must be greater than 0</translation>
    </message>
    <message>
        <location filename="../widgets/numbers.py" line="170"/>
        <source>请填写{0}</source>
        <translation>Please fill in: {0}</translation>
    </message>
    <message>
        <location filename="../widgets/numbers.py" line="207"/>
        <source>单价</source>
        <translation>The unit price</translation>
    </message>
</context>
<context>
    <name>OrderDialog</name>
    <message>
        <location filename="../sales/order_form.py" line="46"/>
        <source>通过</source>
        <translation>Passed</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="47"/>
        <source>暂挂待审批</source>
        <translation>Held for approval</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="48"/>
        <source>禁止</source>
        <translation>Blocked</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="51"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="52"/>
        <source>待审批</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="53"/>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="54"/>
        <source>已作废</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="62"/>
        <location filename="../sales/order_form.py" line="488"/>
        <location filename="../sales/order_form.py" line="527"/>
        <location filename="../sales/order_form.py" line="570"/>
        <source>返回</source>
        <translation>Go Back</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="93"/>
        <location filename="../sales/order_form.py" line="184"/>
        <location filename="../sales/order_form.py" line="185"/>
        <location filename="../sales/order_form.py" line="551"/>
        <location filename="../sales/order_form.py" line="569"/>
        <source>销售单</source>
        <translation>Sales Order</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="94"/>
        <source>您没有录入销售单的权限</source>
        <translation>You are not allowed to enter sales orders</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="146"/>
        <source>保存草稿(&amp;S)</source>
        <translation>&amp;Save Draft</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="147"/>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="148"/>
        <source>确认(&amp;Q)</source>
        <translation>&amp;Confirm</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="149"/>
        <source>先做信用检查，显示结果后再确认</source>
        <translation>Runs the credit check and shows its result before confirming</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="150"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="151"/>
        <source>打印送货单…</source>
        <translation>Print Delivery Note…</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="152"/>
        <source>打印预览：这张销售单作为送货单</source>
        <translation>Print preview: this sales order as a delivery note</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="195"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="198"/>
        <source>客户：</source>
        <translation>Customer:</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="200"/>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="202"/>
        <source>经办人：</source>
        <translation>Handler:</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="204"/>
        <source>备注：</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="209"/>
        <source>客户信用</source>
        <translation>Customer Credit</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="212"/>
        <source>余额：</source>
        <translation>Balance:</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="212"/>
        <source>过期：</source>
        <translation>Overdue:</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="213"/>
        <source>账期：</source>
        <translation>Credit term:</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="213"/>
        <source>信用额度：</source>
        <translation>Credit limit:</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="214"/>
        <source>可用额度：</source>
        <translation>Available credit:</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="232"/>
        <source>现款</source>
        <translation>Cash sale</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="233"/>
        <source>随单收取的现款，确认时记为收款单；新客户只能现款购买</source>
        <translation>Cash collected with the order, recorded as a receipt on confirmation; new customers can only buy for cash</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="235"/>
        <source>现款金额</source>
        <translation>The cash amount</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="242"/>
        <source>金额：</source>
        <translation>Amount:</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="244"/>
        <source>收款方式：</source>
        <translation>Payment method:</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="265"/>
        <location filename="../sales/order_form.py" line="266"/>
        <source>新建销售单</source>
        <translation>New Sales Order</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="279"/>
        <source>销售单 — {0} {1}</source>
        <translation>Sales Order — {0} {1}</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="280"/>
        <source>销售单 {0}</source>
        <translation>Sales Order {0}</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="281"/>
        <source>到期日 {0}（账期 {1} 天）&#x3000;录入人 {2}</source>
        <translation>Due {0} (term {1} days)   Entered by {2}</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="313"/>
        <source>已确认的销售单不能修改，如需更正请做退货</source>
        <translation>A confirmed sales order cannot be changed; to correct it, enter a sales return</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="340"/>
        <source>客户信用（截至 {0}）</source>
        <translation>Customer Credit (as of {0})</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="358"/>
        <source>无法读取</source>
        <translation>Could not be read</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="363"/>
        <source>{0} 天</source>
        <translation>{0} days</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="375"/>
        <source>合计金额：{0}</source>
        <translation>Total: {0}</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="378"/>
        <source>（不含未填好的行）</source>
        <translation>(lines not filled in correctly are left out)</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="380"/>
        <source>&#x3000;成本：{0}&#x3000;毛利：{1}</source>
        <translation>   Cost: {0}   Gross profit: {1}</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="382"/>
        <source>（{0:.2f}%）</source>
        <translation> ({0:.2f}%)</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="401"/>
        <source>请选择客户</source>
        <translation>Please choose a customer</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="404"/>
        <source>请至少录入一行商品</source>
        <translation>Enter at least one product line</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="434"/>
        <source>保存草稿</source>
        <translation>Save Draft</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="437"/>
        <source>仍然保存</source>
        <translation>Save anyway</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="443"/>
        <location filename="../sales/order_form.py" line="491"/>
        <location filename="../sales/order_form.py" line="520"/>
        <source>确认销售单</source>
        <translation>Confirm Sales Order</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="446"/>
        <source>继续</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="450"/>
        <source>正在检查单价…</source>
        <translation>Checking the prices…</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="454"/>
        <source>单价低于成本</source>
        <translation>Price below cost</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="455"/>
        <source>返回修改</source>
        <translation>Go back and change</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="456"/>
        <source>单价低于成本，单据没有保存</source>
        <translation>A price is below cost: the order was not saved</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="465"/>
        <source>以下商品的单价低于成本价：</source>
        <translation>These products are priced below their cost:</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="470"/>
        <source>· 第 {0} 行 {1}：单价 {2}，成本价 {3}</source>
        <translation>· Line {0} {1}: price {2}, cost {3}</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="473"/>
        <source>· 第 {0} 行 {1}：单价 {2}</source>
        <translation>· Line {0} {1}: price {2}</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="474"/>
        <source>确定按这个单价继续吗？</source>
        <translation>Go on at this price?</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="479"/>
        <source>正在进行信用检查…</source>
        <translation>Running the credit check…</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="486"/>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="486"/>
        <source>提交审批</source>
        <translation>Submit for Approval</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="486"/>
        <source>保存为草稿</source>
        <translation>Save as Draft</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="487"/>
        <source>信用检查</source>
        <translation>Credit Check</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="489"/>
        <source>未确认，单据没有保存</source>
        <translation>Not confirmed; the order was not saved</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="495"/>
        <source>本单金额：{0}</source>
        <translation>Order amount: {0}</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="497"/>
        <source>，现款 {0}</source>
        <translation>, cash {0}</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="498"/>
        <source>信用检查结果：{0}</source>
        <translation>Credit check result: {0}</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="501"/>
        <source>余额：{0}&#x3000;过期：{1}</source>
        <translation>Balance: {0}   Overdue: {1}</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="502"/>
        <source>信用额度：{0}&#x3000;本单后欠款：{1}</source>
        <translation>Credit limit: {0}   Exposure with this order: {1}</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="503"/>
        <source>（按 {0} 的数据计算）</source>
        <translation>(figures as of {0})</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="504"/>
        <source>确认后单据生效，计入应收账款。</source>
        <translation>Once confirmed, the order takes effect and is added to receivables.</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="505"/>
        <source>确认后单据进入待审批，经理审批通过后才生效。</source>
        <translation>Once confirmed, the order awaits approval and takes effect only when a manager approves it.</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="506"/>
        <source>禁止销售：单据不能确认，只能保存为草稿。</source>
        <translation>Sale blocked: the order cannot be confirmed, only saved as a draft.</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="511"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="526"/>
        <source>{0}

要重新加载最新的单据吗？您在此窗口的修改将丢失。</source>
        <translation>{0}

Reload the latest version of the order? Your changes in this window will be lost.</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="527"/>
        <source>重新加载</source>
        <translation>Reload</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="539"/>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="569"/>
        <source>有未保存的修改，确定放弃吗？</source>
        <translation>You have unsaved changes. Discard them?</translation>
    </message>
    <message>
        <location filename="../sales/order_form.py" line="570"/>
        <source>放弃修改</source>
        <translation>Discard Changes</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../credit/tab.py" line="358"/>
        <source>客户编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="359"/>
        <source>客户名称</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="360"/>
        <location filename="../credit/tab.py" line="471"/>
        <source>负责销售员</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="361"/>
        <source>账期(天)</source>
        <translation>Term (d)</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="362"/>
        <source>信用额度</source>
        <translation>Credit limit</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="363"/>
        <source>余额</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="364"/>
        <source>过期金额</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="365"/>
        <source>可用额度</source>
        <translation>Available</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="366"/>
        <source>最长逾期(天)</source>
        <translation>Days overdue</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="367"/>
        <source>建议等级</source>
        <translation>Suggested</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="368"/>
        <source>信用等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="369"/>
        <source>黑名单</source>
        <translation>Blacklist</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="370"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="394"/>
        <source>编码 / 名称 / 拼音 / 助记码 / 电话</source>
        <translation>Code / name / pinyin / mnemonic / phone</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="398"/>
        <source>负责销售员：全部</source>
        <translation>Owner: all</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="401"/>
        <location filename="../credit/tab.py" line="473"/>
        <source>只看有问题的</source>
        <translation>Problems only</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="402"/>
        <source>有过期欠款、超过信用额度或在黑名单中的客户</source>
        <translation>Customers with overdue debts, over their credit limit or on the blacklist</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="405"/>
        <source>查找：</source>
        <translation>Find:</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="461"/>
        <source>共 {0:,} 个客户（截至 {1}）</source>
        <translation>{0:,} customers (as of {1})</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="385"/>
        <source>调整账期/额度…</source>
        <translation>Set Credit Term and Limit…</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="386"/>
        <source>加入黑名单…</source>
        <translation>Add to Blacklist…</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="388"/>
        <source>移出黑名单…</source>
        <translation>Remove from Blacklist…</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="464"/>
        <source>信用总览</source>
        <translation>Credit Overview</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="467"/>
        <source>截至</source>
        <translation>As of</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="469"/>
        <source>查找</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="473"/>
        <source>范围</source>
        <translation>Showing</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="478"/>
        <source>正在计算各客户的信用数据…</source>
        <translation>Calculating the customers&apos; credit figures…</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="500"/>
        <source>确定执行吗？</source>
        <translation>Go ahead?</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="503"/>
        <source>{0}：已处理 {1:,} 个客户</source>
        <translation>{0}: {1:,} customer(s) processed</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <location filename="../settings/common.py" line="244"/>
        <source>无法完成</source>
        <translation>Could Not Complete</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="314"/>
        <location filename="../credit/tab.py" line="321"/>
        <source>没有可以导出或打印的内容</source>
        <translation>Nothing to export or print</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../settings/users.py" line="118"/>
        <source>修改我的密码</source>
        <translation>Change My Password</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="118"/>
        <source>重置密码</source>
        <translation>Reset Password</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="123"/>
        <location filename="../settings/users.py" line="126"/>
        <source>登录名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="124"/>
        <source>原密码：</source>
        <translation>Current password:</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="127"/>
        <source>新密码（至少{0}位）：</source>
        <translation>New password (min. {0} chars):</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="128"/>
        <source>再次输入新密码：</source>
        <translation>Repeat new password:</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="133"/>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords do not match</translation>
    </message>
</context>
<context>
    <name>Picker</name>
    <message>
        <location filename="../widgets/picker.py" line="118"/>
        <source>没有匹配的项目</source>
        <translation>No matches</translation>
    </message>
    <message>
        <location filename="../widgets/picker.py" line="137"/>
        <source>列出全部（F4）</source>
        <translation>List all (F4)</translation>
    </message>
    <message>
        <location filename="../widgets/picker.py" line="148"/>
        <source>编码 / 名称 / 拼音 / 助记码</source>
        <translation>Code / name / pinyin / mnemonic</translation>
    </message>
    <message>
        <location filename="../widgets/picker.py" line="154"/>
        <source>编码 / 名称 / 拼音</source>
        <translation>Code / name / pinyin</translation>
    </message>
</context>
<context>
    <name>PotentialPage</name>
    <message>
        <location filename="../analysis/potential.py" line="37"/>
        <source>截至：</source>
        <translation>As of:</translation>
    </message>
    <message>
        <location filename="../analysis/potential.py" line="39"/>
        <source>排名</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../analysis/potential.py" line="39"/>
        <source>客户编码</source>
        <translation>Customer code</translation>
    </message>
    <message>
        <location filename="../analysis/potential.py" line="40"/>
        <source>客户名称</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <location filename="../analysis/potential.py" line="41"/>
        <source>近6月净销售额</source>
        <translation>Net sales, last 6 months</translation>
    </message>
    <message>
        <location filename="../analysis/potential.py" line="42"/>
        <source>前6月净销售额</source>
        <translation>Net sales, 6 months before</translation>
    </message>
    <message>
        <location filename="../analysis/potential.py" line="42"/>
        <source>增长率</source>
        <translation>Growth</translation>
    </message>
    <message>
        <location filename="../analysis/potential.py" line="43"/>
        <source>有销售月数</source>
        <translation>Months with sales</translation>
    </message>
    <message>
        <location filename="../analysis/potential.py" line="44"/>
        <source>月趋势（元/月）</source>
        <translation>Monthly trend (¥/month)</translation>
    </message>
    <message>
        <location filename="../analysis/potential.py" line="44"/>
        <source>入选原因</source>
        <translation>Why listed</translation>
    </message>
    <message>
        <location filename="../analysis/potential.py" line="55"/>
        <source>选中一行看趋势，双击或点击图中的点打开客户资料</source>
        <translation>Select a row to see its trend; double-click it or click a point in the chart to open the customer</translation>
    </message>
    <message>
        <location filename="../analysis/potential.py" line="85"/>
        <source>潜在大客户</source>
        <translation>Potential Large Customers</translation>
    </message>
    <message>
        <location filename="../analysis/potential.py" line="88"/>
        <source>截至</source>
        <translation>As of</translation>
    </message>
    <message>
        <location filename="../analysis/potential.py" line="95"/>
        <source>正在找出潜在大客户…</source>
        <translation>Finding potential large customers…</translation>
    </message>
    <message>
        <location filename="../analysis/potential.py" line="96"/>
        <source>潜在大客户 {0:,} 个；图中 {1:,} 个客户</source>
        <translation>{0:,} potential large customer(s); {1:,} in the chart</translation>
    </message>
</context>
<context>
    <name>PreferencePage</name>
    <message>
        <location filename="../analysis/customers.py" line="220"/>
        <source>客户资料…</source>
        <translation>Customer…</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="223"/>
        <source>客户：</source>
        <translation>Customer:</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="225"/>
        <source>期间：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="227"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="230"/>
        <location filename="../analysis/customers.py" line="236"/>
        <source>商品类别</source>
        <translation>Product category</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="231"/>
        <location filename="../analysis/customers.py" line="237"/>
        <source>净销售额</source>
        <translation>Net sales</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="232"/>
        <location filename="../analysis/customers.py" line="238"/>
        <source>占比</source>
        <translation>Share</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="233"/>
        <location filename="../analysis/customers.py" line="239"/>
        <source>单据行数</source>
        <translation>Document lines</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="234"/>
        <source>商品编码</source>
        <translation>Product code</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="235"/>
        <source>商品名称</source>
        <translation>Product name</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="236"/>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="237"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="263"/>
        <source>请选择客户</source>
        <translation>Choose a customer</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="272"/>
        <location filename="../analysis/customers.py" line="274"/>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="280"/>
        <location filename="../analysis/customers.py" line="291"/>
        <source>客户偏好</source>
        <translation>Customer Preferences</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="281"/>
        <source>{0} 客户偏好</source>
        <translation>Preferences of {0}</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="287"/>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="287"/>
        <source>{0} 至 {1}</source>
        <translation>{0} to {1}</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="292"/>
        <source>客户偏好：{0} 个类别，{1} 种商品</source>
        <translation>Preferences: {0} categories, {1} products</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../printing.py" line="95"/>
        <source>打印预览 — {0}</source>
        <translation>Print Preview — {0}</translation>
    </message>
    <message>
        <location filename="../printing.py" line="102"/>
        <source>共 {0} 页</source>
        <translation>{0} page(s)</translation>
    </message>
    <message>
        <location filename="../printing.py" line="106"/>
        <source>缩放：</source>
        <translation>Zoom:</translation>
    </message>
    <message>
        <location filename="../printing.py" line="118"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../printing.py" line="121"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../printing.py" line="124"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../printing.py" line="173"/>
        <location filename="../printing.py" line="181"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../printing.py" line="181"/>
        <source>无法写入文件 {0}：{1}</source>
        <translation>Cannot write the file {0}: {1}</translation>
    </message>
</context>
<context>
    <name>PriceHistoryDialog</name>
    <message>
        <location filename="../sales/lines.py" line="96"/>
        <source>历史价格 — {0}</source>
        <translation>Price History — {0}</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="99"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="99"/>
        <source>单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="99"/>
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="99"/>
        <source>单价</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="119"/>
        <source>使用此价格</source>
        <translation>Use This Price</translation>
    </message>
    <message>
        <location filename="../sales/lines.py" line="120"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <location filename="../settings/products.py" line="47"/>
        <source>新增商品</source>
        <translation>New Product</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="47"/>
        <source>修改商品</source>
        <translation>Edit Product</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="58"/>
        <source>个、箱、米…</source>
        <translation>pcs, box, m…</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="63"/>
        <source>成本价</source>
        <translation>The cost price</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="64"/>
        <source>销售价</source>
        <translation>The price</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="67"/>
        <source>商品编码：</source>
        <translation>Product code:</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="68"/>
        <source>商品名称：</source>
        <translation>Product name:</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="69"/>
        <source>规格型号：</source>
        <translation>Spec/model:</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="70"/>
        <source>单位：</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="71"/>
        <source>商品类别：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="73"/>
        <source>成本价（元）：</source>
        <translation>Cost (CNY):</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="76"/>
        <source>销售价（元）：</source>
        <translation>Price (CNY):</translation>
    </message>
</context>
<context>
    <name>ProductsPage</name>
    <message>
        <location filename="../settings/products.py" line="106"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="106"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="107"/>
        <source>规格型号</source>
        <translation>Spec/model</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="107"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="108"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="110"/>
        <source>成本价</source>
        <translation>Cost</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="111"/>
        <source>销售价</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="111"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="112"/>
        <source>在售</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="112"/>
        <source>已停用</source>
        <translation>Discontinued</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="120"/>
        <source>查找商品：编码、名称、规格、拼音或首字母（Ctrl+F）</source>
        <translation>Find products: code, name, spec, pinyin or initials (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="122"/>
        <source>包括已停用</source>
        <translation>Include discontinued</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="132"/>
        <source>新增(&amp;A)…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="133"/>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="134"/>
        <location filename="../settings/products.py" line="191"/>
        <source>停用</source>
        <translation>Discontinue</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="143"/>
        <source>商品</source>
        <translation>Products</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="145"/>
        <source>您的角色（{0}）只能查看商品；修改请联系管理员或经理。</source>
        <translation>Your role ({0}) can only view products; ask an administrator or manager to change them.</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="184"/>
        <source>共 {0} 个商品</source>
        <translation>{0} products</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="191"/>
        <source>恢复在售</source>
        <translation>Reinstate</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="225"/>
        <source>停用商品</source>
        <translation>Discontinue Product</translation>
    </message>
    <message>
        <location filename="../settings/products.py" line="226"/>
        <source>停用「{0} {1}」吗？
停用后不能再开进新的销售单，已有单据不受影响，以后可以恢复。</source>
        <translation>Discontinue “{0} {1}”?
It can no longer be added to new sales orders. Existing documents are unaffected, and you can reinstate it later.</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../credit/tab.py" line="540"/>
        <source>单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="541"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="542"/>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="543"/>
        <source>经办人</source>
        <translation>Handler</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="544"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="545"/>
        <source>当前余额</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="546"/>
        <source>过期金额</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="547"/>
        <source>信用额度</source>
        <translation>Credit limit</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="548"/>
        <source>本单后欠款</source>
        <translation>Exposure</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="549"/>
        <source>检查结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="550"/>
        <source>原因</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="557"/>
        <source>批准…</source>
        <translation>Approve…</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="559"/>
        <source>驳回…</source>
        <translation>Reject…</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="562"/>
        <source>信用检查未通过、等待审批的销售单（按截至日重新检查）</source>
        <translation>Sales orders held by the credit check, awaiting approval (checked again as of the as-of date)</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="638"/>
        <source>只有经理或管理员可以审批</source>
        <translation>Only a manager or an administrator can approve</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="644"/>
        <source>批准销售单</source>
        <translation>Approve Sales Order</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="644"/>
        <source>驳回销售单</source>
        <translation>Reject Sales Order</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="659"/>
        <source>待审批销售单 {0:,} 张</source>
        <translation>{0:,} sales order(s) awaiting approval</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="662"/>
        <source>待审批销售单</source>
        <translation>Orders Awaiting Approval</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="665"/>
        <source>检查日期</source>
        <translation>Checked on</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../credit/tab.py" line="528"/>
        <source>销售单 {0}&#x3000;{1} {2}&#x3000;金额 {3:,.2f} 元</source>
        <translation>Sales order {0}   {1} {2}   Amount ¥{3:,.2f}</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="531"/>
        <source>必填，记入操作日志</source>
        <translation>Required; recorded in the audit log</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="532"/>
        <source>理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="535"/>
        <source>请填写理由</source>
        <translation>Please enter a reason</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="60"/>
        <source>作废原因（必填）</source>
        <translation>Reason for cancelling (required)</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="62"/>
        <location filename="../sales/tab.py" line="81"/>
        <source>作废</source>
        <translation>Cancel Document</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="63"/>
        <location filename="../sales/tab.py" line="82"/>
        <source>取消</source>
        <translation>Go Back</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="75"/>
        <source>作废销售单</source>
        <translation>Cancel Sales Order</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="77"/>
        <source>例如：客户取消订单</source>
        <translation>e.g. the customer withdrew the order</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="86"/>
        <source>作废销售单 {0} 的原因（记入审计日志）：</source>
        <translation>Reason for cancelling sales order {0} (recorded in the audit log):</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="94"/>
        <source>请填写作废原因</source>
        <translation>Please enter the reason for cancelling</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <location filename="../customers/batch.py" line="98"/>
        <source>分配负责销售员</source>
        <translation>Assign Owner</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="100"/>
        <source>输入工号、姓名或拼音</source>
        <translation>Employee no., name or pinyin</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="103"/>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="104"/>
        <source>新的负责销售员：</source>
        <translation>New owner:</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="105"/>
        <source>生效日期：</source>
        <translation>Effective date:</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="106"/>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="109"/>
        <source>请选择负责销售员或公司共享客户</source>
        <translation>Choose a salesperson or the shared pool</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="116"/>
        <source>将{0}分配给「{1}」，自 {2} 起生效。</source>
        <translation>Assign {0} to “{1}”, effective {2}.</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../receipts/entry.py" line="57"/>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="58"/>
        <source>已作废</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="212"/>
        <source>新建收款</source>
        <translation>New Receipt</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="212"/>
        <source>收款单</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="233"/>
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="234"/>
        <source>收款金额</source>
        <translation>The amount received</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="237"/>
        <location filename="../receipts/entry.py" line="374"/>
        <location filename="../receipts/entry.py" line="424"/>
        <source>（不指定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="238"/>
        <source>这笔收款指定支付的销售单：先冲抵它，余额再按到期日从早到晚冲抵</source>
        <translation>The sales order this receipt pays: it is paid first, and the rest goes to orders by due date, oldest first</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="247"/>
        <source>客户：</source>
        <translation>Customer:</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="252"/>
        <source>收款方式：</source>
        <translation>Payment method:</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="255"/>
        <source>金额：</source>
        <translation>Amount:</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="257"/>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="258"/>
        <source>对应销售单：</source>
        <translation>Sales order:</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="259"/>
        <source>备注：</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="261"/>
        <source>销售单号</source>
        <translation>Sales order</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="261"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="261"/>
        <source>到期日</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="261"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="261"/>
        <source>尚欠</source>
        <translation>Owed</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="262"/>
        <source>本次核销</source>
        <translation>Allocation</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="290"/>
        <source>按规则分配</source>
        <translation>Allocate by Rule</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="292"/>
        <source>先冲抵指定的销售单，再按到期日从早到晚冲抵；剩余记为预收款</source>
        <translation>Pays the chosen sales order first, then orders by due date, oldest first; anything left becomes unapplied credit</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="300"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="300"/>
        <source>保存核销</source>
        <translation>Save Allocation</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="301"/>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="302"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="312"/>
        <source>核销（本次收款冲抵哪些销售单）：</source>
        <translation>Allocation (the sales orders this receipt pays):</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="356"/>
        <source>正在读取客户的余额…</source>
        <translation>Reading the customer&apos;s balance…</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="368"/>
        <source>余额 {0}&#x3000;&#x3000;过期 {1}&#x3000;&#x3000;预收款 {2}</source>
        <translation>Balance {0}    Overdue {1}    Unapplied credit {2}</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="376"/>
        <source>{0}&#x3000;{1}&#x3000;尚欠 {2}</source>
        <translation>{0}   {1}   owed {2}</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="417"/>
        <source>收款单 {0}</source>
        <translation>Receipt {0}</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="430"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="431"/>
        <source>手工分配</source>
        <translation>manual</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="431"/>
        <source>按规则</source>
        <translation>by rule</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="432"/>
        <source>{0}&#x3000;{1}&#x3000;录入人 {2}
已核销：{3}；未核销（预收款）{4}；核销方式：{5}</source>
        <translation>{0}   {1}   Entered by {2}
Allocated: {3}; unapplied credit {4}; allocation: {5}</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="440"/>
        <source>尚欠（不计本单）</source>
        <translation>Owed before</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="467"/>
        <source>本次核销合计 {0}&#x3000;&#x3000;未核销（预收款）{1}</source>
        <translation>Allocated {0}    Unapplied credit {1}</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="470"/>
        <source>分配方式：手工</source>
        <translation>Allocation: manual</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="470"/>
        <source>分配方式：按规则</source>
        <translation>Allocation: by rule</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="472"/>
        <source>未分配的部分保存后仍按规则冲抵尚欠的最早到期销售单，冲抵后仍有剩余才是预收款。</source>
        <translation>Once saved, the part not allocated still pays the earliest-due orders by the rule; only what is left after that is unapplied credit.</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="482"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="510"/>
        <source>请选择客户</source>
        <translation>Please choose a customer</translation>
    </message>
    <message>
        <location filename="../receipts/entry.py" line="516"/>
        <source>请选择收款方式</source>
        <translation>Please choose the payment method</translation>
    </message>
</context>
<context>
    <name>ReceiptsTab</name>
    <message>
        <location filename="../receipts/tab.py" line="37"/>
        <source>单号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="37"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="38"/>
        <source>客户编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="38"/>
        <source>客户名称</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="39"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="39"/>
        <source>收款方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="40"/>
        <source>对应销售单</source>
        <translation>Sales order</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="40"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="41"/>
        <source>录入人</source>
        <translation>Entered by</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="41"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="42"/>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="42"/>
        <source>已作废</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="230"/>
        <location filename="../receipts/tab.py" line="263"/>
        <source>新建收款</source>
        <translation>New Receipt</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="230"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="231"/>
        <source>打开/核销</source>
        <translation>Open/Allocate</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="231"/>
        <source>回车或双击</source>
        <translation>Enter or double-click</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="232"/>
        <source>作废…</source>
        <translation>Cancel…</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="234"/>
        <source>打印收据…</source>
        <translation>Print Receipt…</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="235"/>
        <source>打印预览：选中的收款单作为收款收据</source>
        <translation>Print preview: the selected receipt as a receipt slip</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="241"/>
        <source>收款方式：全部</source>
        <translation>Method: all</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="242"/>
        <source>收款方式（清空表示全部）</source>
        <translation>Payment method (empty means all)</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="253"/>
        <source>共 {0:,} 张收款单</source>
        <translation>{0:,} receipt(s)</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="256"/>
        <source>收款单列表</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="263"/>
        <source>您没有录入收款的权限</source>
        <translation>You are not allowed to enter receipts</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="273"/>
        <source>已保存收款单 {0}</source>
        <translation>Receipt {0} saved</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="288"/>
        <source>作废收款单</source>
        <translation>Cancel Receipt</translation>
    </message>
    <message>
        <location filename="../receipts/tab.py" line="291"/>
        <source>作废收款单 {0}（{1}，¥{2:,.2f}）？作废后它不再冲抵任何欠款。</source>
        <translation>Cancel receipt {0} ({1}, ¥{2:,.2f})? Once cancelled, it no longer pays any debt.</translation>
    </message>
</context>
<context>
    <name>RecordsDialog</name>
    <message>
        <location filename="../analysis/common.py" line="394"/>
        <source>共 {0:,} 行；双击一行打开客户资料</source>
        <translation>{0:,} row(s); double-click a row to open the customer</translation>
    </message>
    <message>
        <location filename="../analysis/common.py" line="397"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../analysis/common.py" line="399"/>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../analysis/common.py" line="399"/>
        <source>打印预览</source>
        <translation>Print Preview</translation>
    </message>
</context>
<context>
    <name>ReminderCenter</name>
    <message>
        <location filename="../reminders/panel.py" line="504"/>
        <location filename="../reminders/panel.py" line="534"/>
        <source>提醒</source>
        <translation>Reminders</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="507"/>
        <source>提醒（Ctrl+R）</source>
        <translation>Reminders (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="509"/>
        <source>跟进记录</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="511"/>
        <source>跟进记录：按销售员、按周查看，导出和打印</source>
        <translation>Follow-ups: by salesperson and by week, export and print</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="534"/>
        <source>提醒 ({0})</source>
        <translation>Reminders ({0})</translation>
    </message>
</context>
<context>
    <name>ReminderPanel</name>
    <message>
        <location filename="../reminders/panel.py" line="47"/>
        <source>过期欠款</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="48"/>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="49"/>
        <source>接近信用额度</source>
        <translation>Near credit limit</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="50"/>
        <source>待审批销售单</source>
        <translation>Orders awaiting approval</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="51"/>
        <source>沉睡客户</source>
        <translation>Dormant Customers</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="52"/>
        <source>待跟进</source>
        <translation>Follow-ups due</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="53"/>
        <source>待走访</source>
        <translation>Visits due</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="54"/>
        <source>本周生日</source>
        <translation>Birthdays this week</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="121"/>
        <source>{0} {1}：过期欠款（截至 {2}）</source>
        <translation>{0} {1}: overdue (as of {2})</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="189"/>
        <source>提醒</source>
        <translation>Reminders</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="191"/>
        <source>正在读取提醒…</source>
        <translation>Reading reminders…</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="193"/>
        <source>显示已忽略</source>
        <translation>Show Dismissed</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="194"/>
        <source>列出已忽略或暂缓的提醒，可以恢复</source>
        <translation>List the dismissed or snoozed reminders, to restore them</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="196"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="200"/>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="200"/>
        <source>单号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="200"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="200"/>
        <source>天数</source>
        <translation>Days</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="200"/>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="209"/>
        <source>打开(&amp;O)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="209"/>
        <source>打开提醒对应的客户、销售单或欠款明细</source>
        <translation>Open the customer, sales order or overdue documents behind the reminder</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="210"/>
        <source>忽略(&amp;D)</source>
        <translation>&amp;Dismiss</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="211"/>
        <source>不再提醒；情况变严重时（过期更多、新的待审批单）会再次出现</source>
        <translation>Stop reminding; it comes back if it gets worse (more overdue, a new held order)</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="212"/>
        <source>稍后提醒(&amp;L)…</source>
        <translation>Remind Me &amp;Later…</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="212"/>
        <source>到指定日期再提醒</source>
        <translation>Remind me again on a chosen date</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="213"/>
        <source>恢复(&amp;R)</source>
        <translation>&amp;Restore</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="213"/>
        <source>把已忽略的提醒放回列表</source>
        <translation>Put the dismissed reminders back in the list</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="214"/>
        <source>跟进记录…</source>
        <translation>Follow-ups…</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="215"/>
        <source>按销售员、按周查看、导出和打印跟进记录</source>
        <translation>See follow-ups by salesperson and by week, export and print them</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="216"/>
        <source>等级复核…</source>
        <translation>Grade Review…</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="217"/>
        <source>每月复核客户信用等级：建议等级与现等级对比</source>
        <translation>Monthly review of credit grades: suggested grade beside the current one</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="219"/>
        <source>登录后显示提醒</source>
        <translation>Show reminders after login</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="222"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="297"/>
        <source>无法读取提醒：{0}</source>
        <translation>Cannot read the reminders: {0}</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="344"/>
        <source>{0}（{1}，另有 {2} 条已忽略）</source>
        <translation>{0} ({1}, {2} more dismissed)</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="356"/>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="361"/>
        <source>截至 {0}：共 {1} 条提醒</source>
        <translation>As of {0}: {1} reminder(s)</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="362"/>
        <source>截至 {0}：没有需要处理的提醒</source>
        <translation>As of {0}: nothing needs attention</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="387"/>
        <source>显示更多（还有 {0} 条）…</source>
        <translation>Show more ({0} left)…</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="431"/>
        <source>忽略提醒</source>
        <translation>Dismiss Reminders</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="442"/>
        <source>稍后提醒</source>
        <translation>Remind Me Later</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="448"/>
        <source>恢复提醒</source>
        <translation>Restore Reminders</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="460"/>
        <source>等级复核</source>
        <translation>Grade Review</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="460"/>
        <source>请在「分析 → 客户分级」中复核客户信用等级。</source>
        <translation>Review the credit grades under &quot;Analysis → Grades&quot;.</translation>
    </message>
</context>
<context>
    <name>RemindersPage</name>
    <message>
        <location filename="../settings/reminders.py" line="25"/>
        <source>领导（经理或管理员）</source>
        <translation>A leader (manager or administrator)</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="26"/>
        <source>销售经理</source>
        <translation>Sales manager</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="27"/>
        <source>负责销售员</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="38"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="43"/>
        <source>信用等级</source>
        <translation>Credit grade</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="44"/>
        <source>每月至少走访</source>
        <translation>Visits a month, at least</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="45"/>
        <source>由谁走访</source>
        <translation>Visited by</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="47"/>
        <source> 次</source>
        <translation> time(s)</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="51"/>
        <source>{0} 类</source>
        <translation>Grade {0}</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="55"/>
        <source>现款零售金额界限</source>
        <translation>Cash retail limit</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="57"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="58"/>
        <source>还原</source>
        <translation>Revert</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="65"/>
        <source>即将到期：</source>
        <translation>Due soon:</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="65"/>
        <source>提醒</source>
        <translation>Remind of unpaid orders due within</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="65"/>
        <source>内到期、尚未付清的销售单</source>
        <translation>from today</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="66"/>
        <source>接近信用额度：</source>
        <translation>Near credit limit:</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="66"/>
        <source>欠款超过信用额度的</source>
        <translation>Remind when the balance is above</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="67"/>
        <source>时提醒（超过额度的也提醒）</source>
        <translation>of the credit limit (over the limit too)</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="68"/>
        <source>走访计划：</source>
        <translation>Visit plan:</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="69"/>
        <source>按客户的信用等级（未设定时用建议等级）：本月走访次数不足的客户从每月 20 日起提醒；A、B、C 类客户上次走访超过 45 天的随时提醒。跟进方式名称含「走访」或「拜访」的跟进记录算作走访，电话、邮件、传真不算。共享客户的走访提醒给经理和管理员。</source>
        <translation>By the customer&apos;s credit grade (the suggested grade when none is set): customers visited fewer times than planned this month are reminded from the 20th; grade A, B and C customers last visited more than 45 days ago are reminded at any time. A follow-up by a visiting method counts as a visit; calls, e-mails and faxes do not. Visits to shared-pool customers are reminded to managers and administrators.</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="72"/>
        <source>售后回访：</source>
        <translation>After-sales follow-ups:</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="72"/>
        <source>现款零售金额低于</source>
        <translation>No follow-ups for cash retail orders below</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="73"/>
        <source>元的销售单不安排回访</source>
        <translation>yuan</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="74"/>
        <source>每张确认的销售单在 1 周、1 个月、1 季度、1 年后各安排一次回访，由客户的负责销售员负责；该客户在回访日当天或之后有跟进记录即算完成；作废销售单时取消未完成的回访。</source>
        <translation>Every confirmed sales order gets a follow-up 1 week, 1 month, 1 quarter and 1 year after it, for the customer&apos;s owner; a follow-up of the customer on or after that day completes it; cancelling the order cancels the ones not done.</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="81"/>
        <source>提醒与走访</source>
        <translation>Reminders and Visits</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="83"/>
        <source>只有管理员可以修改这些设置。</source>
        <translation>Only administrators can change these settings.</translation>
    </message>
    <message>
        <location filename="../settings/reminders.py" line="139"/>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../dialogs/backup.py" line="159"/>
        <source>「{0}」，{1} 的备份（来自 {2}，程序版本 {3}）：客户 {4:,} 家，销售单 {5:,} 张，收款 {6:,} 张，共 {7:,} 行</source>
        <translation>&quot;{0}&quot;, backup of {1} (from {2}, program version {3}): {4:,} customers, {5:,} sales orders, {6:,} receipts, {7:,} rows in all</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="173"/>
        <source>从备份还原</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="174"/>
        <source>还原(&amp;R)…</source>
        <translation>&amp;Restore…</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="179"/>
        <source>请选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="180"/>
        <source>选择备份文件后，程序会先完整检查它（校验和、数据库结构版本、行数），再决定能否还原。</source>
        <translation>Once you choose a backup file, the program checks it completely (checksums, schema version, row counts) before it can be restored.</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="186"/>
        <source>备份文件：</source>
        <translation>Backup file:</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="187"/>
        <source>还原到：</source>
        <translation>Restore into:</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="188"/>
        <source>备份内容：</source>
        <translation>Backup contents:</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="190"/>
        <source>还原会用备份中的数据替换当前数据库中的全部数据（客户、单据、登录账户和设置）。当前数据会先另存为一个备份文件；还原失败时数据保持原样。还原后需要重新登录。</source>
        <translation>Restoring replaces all data of the current database (customers, documents, logins and settings) with the backup&apos;s. The current data is first saved as a backup file; if the restore fails, the data stays as it was. Log in again after the restore.</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="207"/>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="207"/>
        <source>备份文件 (*.zip);;所有文件 (*)</source>
        <translation>Backup files (*.zip);;All files (*)</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="217"/>
        <source>正在检查备份文件…</source>
        <translation>Checking the backup file…</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="228"/>
        <source>备份文件完好，可以还原。</source>
        <translation>The backup file is intact and can be restored.</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="238"/>
        <source>用这个备份
{0}
替换 {1} 中的全部数据吗？

当前数据会先另存为备份文件。还原后需要重新登录。</source>
        <translation>Replace all data in {1} with this backup?
{0}

The current data is first saved as a backup file. Log in again after the restore.</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="240"/>
        <source>确认还原</source>
        <translation>Confirm the restore</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="240"/>
        <source>还原</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="244"/>
        <source>正在还原，请不要关闭程序…</source>
        <translation>Restoring; please do not close the program…</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="256"/>
        <source>已从备份还原：{0}（{1:,} 行，用时 {2:.1f} 秒）。</source>
        <translation>Restored from the backup: {0} ({1:,} rows, {2:.1f} s).</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="259"/>
        <source>原有数据已另存为：{0}</source>
        <translation>The previous data was saved as: {0}</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="260"/>
        <source>请用备份中的登录账户重新登录。</source>
        <translation>Log in again with a login from the backup.</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../sales/returns.py" line="247"/>
        <source>销售退货</source>
        <translation>Sales Return</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="247"/>
        <source>按销售单退货</source>
        <translation>Return Against Sales Order</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="264"/>
        <source>正在读取销售单…</source>
        <translation>Reading the sales order…</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="266"/>
        <source>原销售单：</source>
        <translation>Sales order:</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="267"/>
        <location filename="../sales/returns.py" line="274"/>
        <source>客户：</source>
        <translation>Customer:</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="268"/>
        <source>行</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="268"/>
        <location filename="../sales/returns.py" line="275"/>
        <source>商品编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="268"/>
        <location filename="../sales/returns.py" line="275"/>
        <source>商品名称</source>
        <translation>Product</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="269"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="269"/>
        <source>已售</source>
        <translation>Sold</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="269"/>
        <source>已退</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="270"/>
        <source>可退</source>
        <translation>Left</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="270"/>
        <location filename="../sales/returns.py" line="275"/>
        <location filename="../sales/returns.py" line="336"/>
        <source>退货数量</source>
        <translation>Return qty</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="270"/>
        <location filename="../sales/returns.py" line="276"/>
        <location filename="../sales/returns.py" line="339"/>
        <source>单价</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="271"/>
        <location filename="../sales/returns.py" line="276"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="283"/>
        <source>经办人：</source>
        <translation>Handler:</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="285"/>
        <source>退货日期：</source>
        <translation>Return date:</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="287"/>
        <source>备注：</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="314"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="315"/>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="316"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="337"/>
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="345"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="348"/>
        <source>删除行</source>
        <translation>Delete Line</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="355"/>
        <source>商品：</source>
        <translation>Product:</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="400"/>
        <source>{0}&#x3000;{1}&#x3000;金额 ¥{2:,.2f}</source>
        <translation>{0}   {1}   amount ¥{2:,.2f}</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="428"/>
        <source>请先选择商品</source>
        <translation>Choose a product first</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="452"/>
        <source>退货金额合计 ¥{0:,.2f}</source>
        <translation>Return total ¥{0:,.2f}</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="455"/>
        <source>您没有录入退货的权限</source>
        <translation>You are not allowed to enter returns</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="472"/>
        <source>请选择客户</source>
        <translation>Please choose a customer</translation>
    </message>
</context>
<context>
    <name>ReturnLinesModel</name>
    <message>
        <location filename="../sales/returns.py" line="126"/>
        <source>退货数量</source>
        <translation>The return quantity</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="126"/>
        <source>单价</source>
        <translation>The unit price</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="161"/>
        <source>第 {0} 行 {1}：{2}</source>
        <translation>Line {0} {1}: {2}</translation>
    </message>
</context>
<context>
    <name>ReturnsPanel</name>
    <message>
        <location filename="../sales/returns.py" line="63"/>
        <source>退货单号</source>
        <translation>Return no.</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="63"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="64"/>
        <source>客户编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="64"/>
        <source>客户名称</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="65"/>
        <source>原销售单</source>
        <translation>Sales order</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="65"/>
        <source>经办人</source>
        <translation>Handler</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="66"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="66"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="67"/>
        <source>录入人</source>
        <translation>Entered by</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="67"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="68"/>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="68"/>
        <source>已作废</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="515"/>
        <source>新建退货</source>
        <translation>New Return</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="516"/>
        <source>作废…</source>
        <translation>Cancel…</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="518"/>
        <source>打印退货单…</source>
        <translation>Print Sales Return…</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="519"/>
        <source>打印预览：选中的退货单</source>
        <translation>Print preview: the selected sales return</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="529"/>
        <source>共 {0:,} 张退货单</source>
        <translation>{0:,} sales return(s)</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="532"/>
        <source>退货单列表</source>
        <translation>Sales Returns</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="536"/>
        <source>已保存退货单 {0}</source>
        <translation>Sales return {0} saved</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="551"/>
        <source>作废退货单</source>
        <translation>Cancel Sales Return</translation>
    </message>
    <message>
        <location filename="../sales/returns.py" line="552"/>
        <source>作废退货单 {0}（{1}，¥{2:,.2f}）？作废后它不再冲减销售额和欠款。</source>
        <translation>Cancel sales return {0} ({1}, ¥{2:,.2f})? Once cancelled, it no longer reduces sales and the amount owed.</translation>
    </message>
</context>
<context>
    <name>RfmPage</name>
    <message>
        <location filename="../analysis/customers.py" line="121"/>
        <source>全部分群</source>
        <translation>All segments</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="125"/>
        <source>截至：</source>
        <translation>As of:</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="127"/>
        <source>分群：</source>
        <translation>Segment:</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="129"/>
        <source>客户编码</source>
        <translation>Customer code</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="129"/>
        <source>客户名称</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="130"/>
        <source>距上次下单天数</source>
        <translation>Days since last order</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="131"/>
        <source>订单数</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="131"/>
        <source>净销售额</source>
        <translation>Net sales</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="132"/>
        <source>R 得分</source>
        <translation>R score</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="132"/>
        <source>F 得分</source>
        <translation>F score</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="133"/>
        <source>M 得分</source>
        <translation>M score</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="133"/>
        <source>客户分群</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="141"/>
        <source>点击图中的柱只看该分群；双击打开客户资料</source>
        <translation>Click a bar in the chart to see only that segment; double-click to open the customer</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="189"/>
        <source>客户 RFM 分析</source>
        <translation>Customer RFM Analysis</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="194"/>
        <source>截至</source>
        <translation>As of</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="194"/>
        <source>分群</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="201"/>
        <source>正在计算 RFM…</source>
        <translation>Calculating RFM…</translation>
    </message>
    <message>
        <location filename="../analysis/customers.py" line="203"/>
        <source>RFM：{0:,} 个客户（显示 {1:,} 个）</source>
        <translation>RFM: {0:,} customer(s) ({1:,} shown)</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../settings/users.py" line="26"/>
        <source>管理员</source>
        <translation>Admin</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="27"/>
        <source>经理</source>
        <translation>Manager</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="28"/>
        <source>销售</source>
        <translation>Sales</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="29"/>
        <source>财务</source>
        <translation>Finance</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="35"/>
        <source>全部功能，包括公司设置和登录账户</source>
        <translation>Everything, including company settings and user accounts</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="36"/>
        <source>全部客户；修改信用、审批信用暂挂；维护基础资料</source>
        <translation>All customers; changes credit, approves credit holds; maintains master data</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="37"/>
        <source>只看和修改自己负责的客户及公司共享客户；看不到成本和毛利</source>
        <translation>Sees and edits only own customers and the shared pool; no costs or gross profit</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="38"/>
        <source>全部客户只读；录入收款等全部资金单据</source>
        <translation>All customers, read-only; enters receipts and all other payment documents</translation>
    </message>
</context>
<context>
    <name>SalesPage</name>
    <message>
        <location filename="../sales/page.py" line="22"/>
        <source>销售单</source>
        <translation>Sales Orders</translation>
    </message>
    <message>
        <location filename="../sales/page.py" line="23"/>
        <source>退货单</source>
        <translation>Sales Returns</translation>
    </message>
</context>
<context>
    <name>SalesTab</name>
    <message>
        <location filename="../sales/tab.py" line="39"/>
        <source>单号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="40"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="41"/>
        <source>客户编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="42"/>
        <source>客户名称</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="43"/>
        <source>经办人</source>
        <translation>Handler</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="44"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="45"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="46"/>
        <source>到期日</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="47"/>
        <source>录入人</source>
        <translation>Entered by</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="48"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="49"/>
        <source>待审批</source>
        <translation>Held</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="50"/>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="51"/>
        <source>已作废</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="155"/>
        <source>期间：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="157"/>
        <source>取消勾选：不限日期</source>
        <translation>Untick for any date</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="164"/>
        <source>经办人：全部</source>
        <translation>Handler: all</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="165"/>
        <source>经办人（清空表示全部）</source>
        <translation>Handler (empty means all)</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="160"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="119"/>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="119"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="120"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="120"/>
        <source>回车或双击</source>
        <translation>Enter or double-click</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="122"/>
        <location filename="../sales/tab.py" line="255"/>
        <source>复制为新单</source>
        <translation>Copy as New</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="123"/>
        <source>以今天的日期新建一张同样内容的草稿</source>
        <translation>Create a draft with the same contents, dated today</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="124"/>
        <source>作废…</source>
        <translation>Cancel…</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="126"/>
        <location filename="../sales/tab.py" line="280"/>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="127"/>
        <source>恢复已作废的单据（原已确认的重新做信用检查）</source>
        <translation>Restore a cancelled order (one that was confirmed goes through the credit check again)</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="130"/>
        <source>退货…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="131"/>
        <source>按这张销售单退货：选择商品行和数量</source>
        <translation>Return goods from this sales order: choose the lines and quantities</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="133"/>
        <source>打印送货单…</source>
        <translation>Print Delivery Note…</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="134"/>
        <source>打印预览：选中的销售单作为送货单</source>
        <translation>Print preview: the selected sales order as a delivery note</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="209"/>
        <source>共 {0:,} 张销售单</source>
        <translation>{0:,} sales order(s)</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="212"/>
        <source>销售单列表</source>
        <translation>Sales Orders</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="252"/>
        <source>已复制为新单 {0}（草稿）</source>
        <translation>Copied as new order {0} (draft)</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="258"/>
        <source>作废销售单</source>
        <translation>Cancel Sales Order</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="261"/>
        <source>作废销售单 {0}（{1}，金额 {2}）？
作废后单据不再计入应收账款和销售额。</source>
        <translation>Cancel sales order {0} ({1}, amount {2})?
Once cancelled, it no longer counts towards receivables and sales.</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="263"/>
        <source>作废</source>
        <translation>Cancel Order</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="274"/>
        <source>恢复销售单</source>
        <translation>Restore Sales Order</translation>
    </message>
    <message>
        <location filename="../sales/tab.py" line="277"/>
        <source>恢复销售单 {0}（{1}，金额 {2}）？
原已确认的单据重新做信用检查：通过则恢复为已确认，否则进入待审批，禁止销售的客户不能恢复；原为草稿或待审批的单据恢复为草稿。</source>
        <translation>Restore sales order {0} ({1}, amount {2})?
An order that was confirmed goes through the credit check again: if it passes, it is confirmed again, otherwise it awaits approval; it cannot be restored for a customer blocked from sales. An order that was a draft or awaiting approval comes back as a draft.</translation>
    </message>
</context>
<context>
    <name>SalespeoplePage</name>
    <message>
        <location filename="../settings/salespeople.py" line="54"/>
        <source>工号</source>
        <translation>Employee no.</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="54"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="54"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="55"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="55"/>
        <source>负责客户</source>
        <translation>Customers</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="56"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="56"/>
        <source>在职</source>
        <translation>Employed</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="56"/>
        <source>已离职</source>
        <translation>Left</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="64"/>
        <source>新增(&amp;A)…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="65"/>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="66"/>
        <location filename="../settings/salespeople.py" line="117"/>
        <location filename="../settings/salespeople.py" line="146"/>
        <source>设为离职</source>
        <translation>Mark as Left</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="75"/>
        <source>销售员</source>
        <translation>Salespeople</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="77"/>
        <source>销售员离职时先设为「已离职」：他的历史业绩保留，不能再被选为负责人。名下客户请在「客户」页用「交接」一次转给其他销售员或公司共享。</source>
        <translation>When a salesperson leaves, mark them as “Left”: their past sales are kept, and they can no longer be chosen as an owner. Move their customers to other salespeople or the shared pool in one go with “Hand Over” on the Customers tab.</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="80"/>
        <source>您的角色（{0}）只能查看销售员；修改请联系管理员或经理。</source>
        <translation>Your role ({0}) can only view salespeople; ask an administrator or manager to change them.</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="109"/>
        <source>共 {0} 名销售员，在职 {1} 名</source>
        <translation>{0} salespeople, {1} employed</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="116"/>
        <source>恢复在职</source>
        <translation>Reinstate</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="142"/>
        <source>把「{0}」设为已离职吗？</source>
        <translation>Mark “{0}” as having left?</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="144"/>
        <source>他名下还有 {0} 个客户，请随后在「客户」页用「交接」转给其他销售员或公司共享。</source>
        <translation>They still own {0} customer(s); afterwards, move them to other salespeople or the shared pool with “Hand Over” on the Customers tab.</translation>
    </message>
</context>
<context>
    <name>SalespersonDialog</name>
    <message>
        <location filename="../settings/salespeople.py" line="21"/>
        <source>新增销售员</source>
        <translation>New Salesperson</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="21"/>
        <source>修改销售员</source>
        <translation>Edit Salesperson</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="31"/>
        <source>工号：</source>
        <translation>Employee no.:</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="32"/>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="33"/>
        <source>部门：</source>
        <translation>Department:</translation>
    </message>
    <message>
        <location filename="../settings/salespeople.py" line="34"/>
        <source>电话：</source>
        <translation>Phone:</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <location filename="../settings_tab.py" line="36"/>
        <source>代码表</source>
        <translation>Code Tables</translation>
    </message>
    <message>
        <location filename="../settings_tab.py" line="39"/>
        <source>基础资料</source>
        <translation>Master Data</translation>
    </message>
    <message>
        <location filename="../settings_tab.py" line="40"/>
        <source>销售员</source>
        <translation>Salespeople</translation>
    </message>
    <message>
        <location filename="../settings_tab.py" line="41"/>
        <source>商品</source>
        <translation>Products</translation>
    </message>
    <message>
        <location filename="../settings_tab.py" line="42"/>
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../settings_tab.py" line="43"/>
        <source>公司设置</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../settings_tab.py" line="44"/>
        <source>提醒与走访</source>
        <translation>Reminders and Visits</translation>
    </message>
    <message>
        <location filename="../settings_tab.py" line="45"/>
        <source>登录账户</source>
        <translation>User Accounts</translation>
    </message>
    <message>
        <location filename="../settings_tab.py" line="46"/>
        <source>操作日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../settings_tab.py" line="50"/>
        <source>自动备份</source>
        <translation>Automatic backups</translation>
    </message>
    <message>
        <location filename="../settings_tab.py" line="51"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
</context>
<context>
    <name>SnoozeDialog</name>
    <message>
        <location filename="../reminders/panel.py" line="141"/>
        <source>稍后提醒</source>
        <translation>Remind Me Later</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="144"/>
        <source>明天（{0}）</source>
        <translation>Tomorrow ({0})</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="145"/>
        <source>3 天后（{0}）</source>
        <translation>In 3 days ({0})</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="146"/>
        <source>下周一（{0}）</source>
        <translation>Next Monday ({0})</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="147"/>
        <source>指定日期：</source>
        <translation>On a date:</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="154"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="155"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../reminders/panel.py" line="159"/>
        <source>在这一天之前不再提醒（情况变严重时会提前出现）：</source>
        <translation>Do not remind me before this day (it comes back sooner if it gets worse):</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <location filename="../dialogs/start.py" line="29"/>
        <source>欢迎使用客户资源管理</source>
        <translation>Welcome to Customer Resource Management</translation>
    </message>
    <message>
        <location filename="../dialogs/start.py" line="30"/>
        <source>&lt;h2&gt;欢迎使用客户资源管理&lt;/h2&gt;&lt;p&gt;数据库：{0}&lt;/p&gt;&lt;p&gt;这是第一次使用。请创建您的公司，或先打开演示公司看看。&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Welcome to Customer Resource Management&lt;/h2&gt;&lt;p&gt;Database: {0}&lt;/p&gt;&lt;p&gt;This is the first start. Create your company, or open the demo company to look around first.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../dialogs/start.py" line="35"/>
        <source>例如：重庆渝丰五金机电有限公司</source>
        <translation>e.g. Chongqing Yufeng Hardware &amp; Electrical Co., Ltd.</translation>
    </message>
    <message>
        <location filename="../dialogs/start.py" line="42"/>
        <source>公司名称：</source>
        <translation>Company name:</translation>
    </message>
    <message>
        <location filename="../dialogs/start.py" line="43"/>
        <source>管理员登录名：</source>
        <translation>Administrator user name:</translation>
    </message>
    <message>
        <location filename="../dialogs/start.py" line="44"/>
        <source>至少 {0} 位，不能全是数字</source>
        <translation>At least {0} characters, not only digits</translation>
    </message>
    <message>
        <location filename="../dialogs/start.py" line="45"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../dialogs/start.py" line="46"/>
        <source>再次输入密码：</source>
        <translation>Repeat password:</translation>
    </message>
    <message>
        <location filename="../dialogs/start.py" line="47"/>
        <source>创建公司</source>
        <translation>Create Company</translation>
    </message>
    <message>
        <location filename="../dialogs/start.py" line="50"/>
        <source>创建新公司</source>
        <translation>Create a New Company</translation>
    </message>
    <message>
        <location filename="../dialogs/start.py" line="55"/>
        <source>打开演示公司</source>
        <translation>Open Demo Company</translation>
    </message>
    <message>
        <location filename="../dialogs/start.py" line="57"/>
        <source>演示公司</source>
        <translation>Demo Company</translation>
    </message>
    <message>
        <location filename="../dialogs/start.py" line="59"/>
        <source>生成一家虚构的贸易公司：8 名销售员、约 300 家客户、两年的销售和收款。登录名 admin / jingli / xiaoshou / caiwu，密码均为 {0}。</source>
        <translation>Creates a fictional trading company: 8 salespeople, about 300 customers, two years of sales and receipts. User names admin / jingli / xiaoshou / caiwu, all with the password {0}.</translation>
    </message>
    <message>
        <location filename="../dialogs/start.py" line="71"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../dialogs/start.py" line="92"/>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords do not match</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../main.py" line="120"/>
        <source>请重新登录</source>
        <translation>Please log in again</translation>
    </message>
    <message>
        <location filename="../main.py" line="150"/>
        <source>无法打开数据库</source>
        <translation>Cannot Open Database</translation>
    </message>
    <message>
        <location filename="../main.py" line="151"/>
        <source>要修改数据库设置吗？</source>
        <translation>Change the database settings?</translation>
    </message>
    <message>
        <location filename="../main.py" line="152"/>
        <source>修改设置</source>
        <translation>Change Settings</translation>
    </message>
    <message>
        <location filename="../main.py" line="153"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../main.py" line="158"/>
        <source>升级数据库</source>
        <translation>Upgrade Database</translation>
    </message>
    <message>
        <location filename="../main.py" line="159"/>
        <source>数据库需要升级到新版本，现在升级吗？（建议先备份）</source>
        <translation>The database must be upgraded to the new version. Upgrade now? (Back it up first.)</translation>
    </message>
    <message>
        <location filename="../main.py" line="160"/>
        <source>升级</source>
        <translation>Upgrade</translation>
    </message>
</context>
<context>
    <name>StatementPage</name>
    <message>
        <location filename="../credit/tab.py" line="903"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="904"/>
        <source>单据类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="905"/>
        <source>单号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="906"/>
        <source>应收增加</source>
        <translation>Debit</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="907"/>
        <source>收款/退货</source>
        <translation>Credit</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="908"/>
        <source>余额</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="909"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="922"/>
        <source>查询</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="926"/>
        <source>客户：</source>
        <translation>Customer:</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="928"/>
        <source>期间：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="930"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="934"/>
        <source>请选择客户和期间</source>
        <translation>Choose a customer and a period</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="969"/>
        <source>{0} {1} 对账单（{2} 至 {3}）</source>
        <translation>Statement of account: {0} {1} ({2} to {3})</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="971"/>
        <source>期初余额：{0} 元</source>
        <translation>Opening balance: ¥{0}</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="975"/>
        <source>本期应收增加 {0} 元，收款及退货 {1} 元；期末余额：{2} 元</source>
        <translation>Debits this period ¥{0}, receipts and returns ¥{1}; closing balance: ¥{2}</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="980"/>
        <location filename="../credit/tab.py" line="1009"/>
        <source>对账单</source>
        <translation>Statement of Account</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="980"/>
        <source>{0} {1} 对账单</source>
        <translation>Statement of Account: {0} {1}</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="984"/>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="984"/>
        <source>{0} 至 {1}</source>
        <translation>{0} to {1}</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="992"/>
        <source>请先选择客户并查询对账单</source>
        <translation>Choose a customer and look up the statement first</translation>
    </message>
    <message>
        <location filename="../credit/tab.py" line="1010"/>
        <source>对账单：{0} 笔单据，期末余额 {1} 元</source>
        <translation>Statement: {0} document(s), closing balance ¥{1}</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <location filename="../customers/batch.py" line="33"/>
        <source>潜在</source>
        <translation>Prospect</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="34"/>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="35"/>
        <source>暂停</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="36"/>
        <source>终止</source>
        <translation>Terminated</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="301"/>
        <source>修改客户状态</source>
        <translation>Change Customer Status</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="308"/>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="309"/>
        <source>新状态：</source>
        <translation>New status:</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="310"/>
        <source>生效日期：</source>
        <translation>Effective date:</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="311"/>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../customers/batch.py" line="318"/>
        <source>将{0}的状态改为「{1}」，自 {2} 起生效。</source>
        <translation>Change the status of {0} to “{1}”, effective {2}.</translation>
    </message>
</context>
<context>
    <name>TableModel</name>
    <message>
        <location filename="../table_model.py" line="31"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../table_model.py" line="159"/>
        <source>读取失败（按 F5 重试）</source>
        <translation>Could not read (press F5 to retry)</translation>
    </message>
</context>
<context>
    <name>TextDialog</name>
    <message>
        <location filename="../ask.py" line="141"/>
        <source>此项必须填写</source>
        <translation>This must be filled in</translation>
    </message>
</context>
<context>
    <name>TrendPanel</name>
    <message>
        <location filename="../analysis/trend.py" line="37"/>
        <source>选择一个客户查看其月销售趋势</source>
        <translation>Choose a customer to see its monthly sales trend</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../settings/users.py" line="69"/>
        <source>新增登录账户</source>
        <translation>New User Account</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="72"/>
        <source>例如 zhangwei</source>
        <translation>e.g. zhangwei</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="81"/>
        <source>工号 / 姓名 / 拼音</source>
        <translation>Employee no. / name / pinyin</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="84"/>
        <source>登录名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="85"/>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="86"/>
        <source>角色：</source>
        <translation>Role:</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="88"/>
        <source>对应销售员：</source>
        <translation>Salesperson:</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="89"/>
        <source>密码（至少{0}位）：</source>
        <translation>Password (min. {0} chars):</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="90"/>
        <source>再次输入密码：</source>
        <translation>Repeat password:</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="105"/>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords do not match</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../settings/users.py" line="150"/>
        <source>登录名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="150"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="150"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="151"/>
        <source>对应销售员</source>
        <translation>Salesperson</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="152"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="152"/>
        <location filename="../settings/users.py" line="232"/>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="152"/>
        <source>已停用</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="160"/>
        <source>新增账户(&amp;A)…</source>
        <translation>&amp;Add Account…</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="161"/>
        <source>重置密码…</source>
        <translation>Reset Password…</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="162"/>
        <location filename="../settings/users.py" line="232"/>
        <source>停用</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="163"/>
        <source>修改我的密码…</source>
        <translation>Change My Password…</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="173"/>
        <source>登录账户</source>
        <translation>User Accounts</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="177"/>
        <source>每个人用自己的账户登录；角色决定能看到和修改什么。销售角色的账户要对应一名销售员，他只能看到自己负责的客户和公司共享客户。离职人员的账户请停用。</source>
        <translation>Everyone logs in with their own account; the role decides what they can see and change. A Sales account is linked to one salesperson and sees only their own customers and the shared pool. Deactivate the accounts of people who leave.</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="188"/>
        <source>只有管理员可以管理登录账户。您可以修改自己的密码。</source>
        <translation>Only administrators can manage user accounts. You can change your own password.</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="225"/>
        <source>共 {0} 个账户，启用 {1} 个</source>
        <translation>{0} accounts, {1} active</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="249"/>
        <source>已重置「{0}」的密码</source>
        <translation>Password of “{0}” reset</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="254"/>
        <source>您的密码已修改，下次登录时使用新密码</source>
        <translation>Your password has been changed; use the new one next time you log in</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="266"/>
        <source>停用账户</source>
        <translation>Deactivate Account</translation>
    </message>
    <message>
        <location filename="../settings/users.py" line="266"/>
        <source>停用账户「{0}」吗？
停用后不能再用它登录，以后可以重新启用。</source>
        <translation>Deactivate the account “{0}”?
It can no longer be used to log in; you can reactivate it later.</translation>
    </message>
</context>
<context>
    <name>_FileDialogBase</name>
    <message>
        <location filename="../dialogs/backup.py" line="45"/>
        <source>浏览(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="55"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="56"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../dialogs/backup.py" line="76"/>
        <source>%p%（{0:,} / {1:,} 行）</source>
        <translation>%p% ({0:,} / {1:,} rows)</translation>
    </message>
</context>
</TS>
