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
  },
  {
    'email.greeting': 'Dear {name},',
    'email.footer': 'This message was sent automatically by the Mobility Portal. Please do not reply.',
    'email.linkFallback': 'If the button does not work, copy this link into your browser:',
    'email.passwordReset.subject': 'Reset your password',
    'email.passwordReset.body': 'We received a request to reset the password of your account. Use the button below within {minutes} minutes to choose a new one; the link works once.',
    'email.passwordReset.button': 'Choose a new password',
    'email.passwordReset.ignore': 'If you did not ask for this, ignore this message and your password stays unchanged.',
  },
)
