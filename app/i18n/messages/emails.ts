import { defineMessages } from './define'

export const emails = defineMessages(
  {
    'email.greeting': '{name}，您好：',
    'email.footer': '此邮件由出国（境）交流申请平台自动发送，请勿直接回复。',
    'email.linkFallback': '如果按钮无法点击，请将下面的链接复制到浏览器地址栏中打开：',
    'email.passwordReset.subject': '重置您的密码',
    'email.passwordReset.body': '我们收到了重置您账户密码的请求。请在 {minutes} 分钟内点击下面的按钮设置新密码，该链接只能使用一次。',
    'email.passwordReset.button': '设置新密码',
    'email.passwordReset.ignore': '如果这不是您本人的操作，请忽略此邮件，您的密码不会改变。',
    'email.receipt.subject': '申请已提交：{program}',
    'email.receipt.body': '您申请的“{program}”已于 {time}（北京时间）成功提交。',
    'email.receipt.reference': '申请编号：{reference}',
    'email.receipt.next': '接下来由所在学院审核，随后由国际合作交流处审核。审核结果和修改要求都会通过邮件通知您，您也可以随时在平台上查看进度。',
    'email.receipt.button': '查看我的申请',
  },
  {
    'email.greeting': 'Dear {name},',
    'email.footer': 'This message was sent automatically by the Mobility Portal. Please do not reply.',
    'email.linkFallback': 'If the button does not work, copy this link into your browser:',
    'email.passwordReset.subject': 'Reset your password',
    'email.passwordReset.body': 'We received a request to reset the password of your account. Use the button below within {minutes} minutes to choose a new one; the link works once.',
    'email.passwordReset.button': 'Choose a new password',
    'email.passwordReset.ignore': 'If you did not ask for this, ignore this message and your password stays unchanged.',
    'email.receipt.subject': 'Application submitted: {program}',
    'email.receipt.body': 'Your application for "{program}" was submitted on {time} (Beijing time).',
    'email.receipt.reference': 'Reference: {reference}',
    'email.receipt.next': 'Your college reviews it first, then the International Cooperation and Exchange Office. You will get an email for every decision or request for changes, and you can follow the progress in the portal at any time.',
    'email.receipt.button': 'View my application',
  },
)
