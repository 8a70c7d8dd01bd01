import { useT } from './i18n'

type Partner = { tier: 'comprehensive' | 'close' | 'general'; beltAndRoad: boolean } | null

export function ProgramBadges({ kind, partner }: { kind: 'exchange' | 'joint_training' | 'conference'; partner: Partner }) {
  const t = useT()
  return (
    <span className="badges">
      <span className="badge">{t(`kind.${kind}`)}</span>
      {partner && <span className={`badge badge-tier-${partner.tier}`}>{t(`tier.${partner.tier}`)}</span>}
      {partner?.beltAndRoad && <span className="badge badge-bri">{t('badge.beltAndRoad')}</span>}
    </span>
  )
}
