// Demo page content: generated images and the layouts of the seeded landing pages.
import type { Payload } from 'payload'

import type { Media } from '@/payload-types'
import { drawDemoImage } from '@/seed/images'
import { lexicalDocument } from '@/seed/lexical'

export async function uploadDemoImage(
  payload: Payload,
  name: string,
  alt: string,
  colors: [string, string],
) {
  const data = await drawDemoImage(
    1600,
    1000,
    colors[0],
    colors[1],
    alt.split(' ').slice(0, 2).join(' '),
  )
  return payload.create({
    collection: 'media',
    data: { alt },
    file: { data, mimetype: 'image/png', name: `${name}.png`, size: data.length },
    context: { disableRevalidate: true },
  })
}

export function homeLayout(images: { hero: Media['id']; a: Media['id']; b: Media['id'] }) {
  return [
    {
      blockType: 'hero' as const,
      eyebrow: 'A/B testing inside your CMS',
      headline: 'Landing pages that prove what works',
      subheadline:
        'Build pages from blocks, split traffic between variants, capture leads with full attribution and read results you can trust — all in one place.',
      ctaLabel: 'Start free',
      ctaHref: '#signup',
      image: images.hero,
    },
    {
      blockType: 'features' as const,
      heading: 'Everything a growth team needs',
      intro: 'No scripts to paste, no flicker, no data team required.',
      items: [
        {
          title: 'Server-side variants',
          description: 'Visitors get their variant in the first byte: no flicker, no layout shift.',
          image: images.a,
        },
        {
          title: 'Sticky assignment',
          description: 'The same visitor sees the same variant on every visit, across restarts.',
          image: images.b,
        },
        {
          title: 'Trustworthy results',
          description:
            'Visitor-level conversion rates, confidence intervals and sample-ratio checks.',
        },
      ],
    },
    {
      blockType: 'testimonials' as const,
      heading: 'Teams ship faster with Splitpage',
      items: [
        {
          quote:
            'We ran our first experiment the afternoon we installed it. Conversion went up 18%.',
          author: 'Priya Raman',
          role: 'Head of Growth, Lumen',
        },
        {
          quote: 'Finally an A/B tool that does not make our landing pages slower.',
          author: 'Jonas Weber',
          role: 'Performance Marketer, Kiteboard',
        },
      ],
    },
    {
      blockType: 'cta' as const,
      heading: 'Ready to find your best page?',
      text: 'Set up your first experiment in minutes.',
      buttonLabel: 'Get early access',
      buttonHref: '#signup',
    },
    {
      blockType: 'leadForm' as const,
      heading: 'Get early access',
      intro: 'Leave your email and we will set up your workspace.',
      fields: [
        { name: 'name', label: 'Your name', type: 'text' as const, required: false },
        { name: 'company', label: 'Company', type: 'text' as const, required: false },
      ],
      submitLabel: 'Request access',
      successMessage: 'Thanks! Check your inbox for the next steps.',
    },
    {
      blockType: 'richText' as const,
      content: lexicalDocument([
        { kind: 'h2', text: 'Frequently asked' },
        { kind: 'h3', text: 'Does it slow my pages down?' },
        {
          kind: 'p',
          text: 'No. Variants are chosen on the server and served as static pages, so visitors get the same speed as a page without an experiment.',
        },
        { kind: 'h3', text: 'What do you store about visitors?' },
        {
          kind: 'p',
          text: 'A random visitor id in a first-party cookie, the variant they saw, and what they chose to tell you in a form.',
        },
      ]),
    },
  ]
}

export function webinarLayout(heroImage: Media['id']) {
  return [
    {
      blockType: 'hero' as const,
      eyebrow: 'Free webinar',
      headline: 'Run your first A/B test in 30 minutes',
      subheadline: 'A live walkthrough: from a hypothesis to a result you can act on.',
      ctaLabel: 'Save my seat',
      ctaHref: '#signup',
      image: heroImage,
    },
    {
      blockType: 'features' as const,
      heading: 'What you will learn',
      items: [
        {
          title: 'Write a testable hypothesis',
          description: 'And pick the one metric that matters.',
        },
        { title: 'Size your test', description: 'How many visitors you need before you look.' },
        { title: 'Read the result', description: 'Lift, confidence and when to stop.' },
      ],
    },
    {
      blockType: 'testimonials' as const,
      items: [
        { quote: 'The clearest intro to experimentation I have seen.', author: 'Sam Okafor' },
      ],
    },
    {
      blockType: 'cta' as const,
      heading: 'Seats are limited',
      buttonLabel: 'Reserve a seat',
      buttonHref: '#signup',
    },
    {
      blockType: 'leadForm' as const,
      heading: 'Reserve your seat',
      fields: [{ name: 'role', label: 'Your role', type: 'text' as const, required: true }],
      submitLabel: 'Reserve my seat',
      successMessage: 'You are in! The calendar invite is on its way.',
    },
    {
      blockType: 'richText' as const,
      content: lexicalDocument([
        { kind: 'p', text: 'The session is recorded; everyone who registers gets the replay.' },
      ]),
    },
  ]
}
